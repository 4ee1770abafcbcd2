import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Partitioners, type Kafka } from 'kafkajs';
import {
  createEventCodec,
  createUnmappedCodec,
  EmbeddedRegistry,
  type InletEvent,
  type UnmappedWebhook,
} from '@inlet/schemas';
import { kafkaBrokers, testKafka, uniqueName, waitFor } from '@inlet/test-harness';
import { runCli } from '../src/index.js';
import { captureIo } from './support/capture-io.js';
import { createTestTopics } from './support/test-topics.js';

const ingressFixture = (path: string) =>
  readFileSync(new URL(`../../../services/ingress/test/fixtures/${path}`, import.meta.url), 'utf8');

const receivedAt = Date.parse('2026-11-01T10:00:00Z');

/** Records as an older ingress, which had no mapping for them, kept them. */
function unmappedWebhooks(): Record<'stripe' | 'generic' | 'internal' | 'stillUnmapped', UnmappedWebhook> {
  const base = { eventId: '', source: '', internalEventType: null, receivedAt };
  return {
    stripe: {
      ...base,
      eventId: randomUUID(),
      source: 'local-stripe',
      family: 'commerce',
      sourceEventName: 'charge.succeeded',
      payload: ingressFixture('stripe/charge.succeeded.json'),
    },
    generic: {
      ...base,
      eventId: randomUUID(),
      source: 'local-lti',
      family: 'lti',
      sourceEventName: 'grade.updated',
      payload: ingressFixture('generic/grade.updated.json'),
      receivedAt: receivedAt + 1000,
    },
    internal: {
      ...base,
      eventId: randomUUID(),
      source: 'local-platform',
      family: 'internal',
      sourceEventName: 'video.upload.completed',
      internalEventType: 'video.upload.completed',
      payload: ingressFixture('generic/video.upload.completed.json'),
      receivedAt: receivedAt + 2000,
    },
    stillUnmapped: {
      ...base,
      eventId: randomUUID(),
      source: 'local-stripe',
      family: 'commerce',
      sourceEventName: 'customer.created',
      payload: JSON.stringify({
        id: 'evt_cli_customer_1',
        object: 'event',
        created: 1710428970,
        type: 'customer.created',
        data: { object: { id: 'cus_1', object: 'customer' } },
      }),
      receivedAt: receivedAt + 3000,
    },
  };
}

/** Decoded events of `topics` from their current ends on. */
async function watchEvents(kafka: Kafka, topics: string[]) {
  const admin = kafka.admin();
  await admin.connect();
  const starts = new Map<string, bigint>();
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic))
      starts.set(`${topic}/${p.partition}`, BigInt(p.offset));
  }
  await admin.disconnect();
  const codec = createEventCodec({ registry: new EmbeddedRegistry() });
  const seen: { topic: string; event: InletEvent; headers: Record<string, string> }[] = [];
  const consumer = kafka.consumer({ groupId: uniqueName('cli-unmapped-watch') });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  void consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      if (BigInt(message.offset) < (starts.get(`${topic}/${partition}`) ?? 0n)) return;
      seen.push({
        topic,
        event: await codec.decode(message.value!),
        headers: Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
        ),
      });
    },
  });
  return {
    seen,
    waitForEvent: (eventId: string) =>
      waitFor(() => seen.find((record) => record.event.eventId === eventId), {
        what: `event ${eventId}`,
        timeoutMs: 20_000,
      }),
    stop: () => consumer.disconnect(),
  };
}

describe('inlet unmapped list / show / replay against a real broker', () => {
  let kafka: Kafka;
  let deleteTopics: () => Promise<void>;
  const topic = `${uniqueName('cli-unmapped')}.unmapped`;
  const webhooks = unmappedWebhooks();
  const positions = new Map<string, string>();

  async function inlet(args: string[]) {
    const io = captureIo({ env: { KAFKA_BROKERS: kafkaBrokers().join(',') } });
    const code = await runCli([...args, '--unmapped-topic', topic], io);
    return { code, out: io.out(), err: io.err() };
  }

  beforeAll(async () => {
    kafka = testKafka();
    deleteTopics = await createTestTopics(kafka, [{ topic, numPartitions: 3 }]);
    const codec = createUnmappedCodec({ registry: new EmbeddedRegistry() });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true });
    await producer.connect();
    for (const webhook of Object.values(webhooks)) {
      const [written] = await producer.send({
        topic,
        acks: -1,
        messages: [
          {
            key: webhook.source,
            value: (await codec.encode(webhook)).value,
            headers: { 'inlet-event-id': webhook.eventId, 'inlet-source': webhook.source },
          },
        ],
      });
      positions.set(webhook.eventId, `${written!.partition}:${written!.baseOffset}`);
    }
    await producer.disconnect();
  });
  afterAll(async () => {
    await deleteTopics?.();
  });

  it('lists them oldest first, filters by source and event name, and shows one with its payload', async () => {
    const list = await inlet(['unmapped', 'list']);
    expect(list.code, list.err).toBe(0);
    const lines = list.out.trim().split('\n');
    expect(lines[0]).toMatch(/^PARTITION:OFFSET\s+EVENT ID\s+SOURCE\s+FAMILY\s+EVENT NAME\s+RECEIVED AT/);
    expect(lines.slice(1, 5).map((line) => line.split(/\s+/)[1])).toEqual(
      Object.values(webhooks).map((webhook) => webhook.eventId),
    );
    expect(lines.at(-1)).toBe(`4 of 4 unmapped webhooks in ${topic} match`);

    const json = await inlet([
      'unmapped',
      'list',
      '--json',
      '--source',
      'local-stripe',
      '--event-name',
      'customer.*',
    ]);
    expect(JSON.parse(json.out)).toEqual([
      expect.objectContaining({
        eventId: webhooks.stillUnmapped.eventId,
        family: 'commerce',
        sourceEventName: 'customer.created',
        receivedAt: '2026-11-01T10:00:03Z',
        payload: JSON.parse(webhooks.stillUnmapped.payload) as unknown,
      }),
    ]);

    const byPosition = positions.get(webhooks.internal.eventId)!;
    for (const wanted of [webhooks.internal.eventId, byPosition]) {
      const show = await inlet(['unmapped', 'show', wanted]);
      expect(show.code, show.err).toBe(0);
      expect(show.out).toContain(`unmapped webhook ${topic} ${byPosition}`);
      expect(show.out).toContain('internal event type  video.upload.completed');
      expect(show.out).toContain('"videoId": "vid_3f9a12"');
    }
  });

  it('replays those that map now to their real topic with the original eventId and receivedAt, and skips the rest', async () => {
    const watch = await watchEvents(kafka, ['inlet.payments.v1', 'inlet.grades.v1', 'inlet.media.v1']);
    try {
      const dryRun = await inlet(['unmapped', 'replay', '--dry-run']);
      expect(dryRun.code, dryRun.err).toBe(0);
      expect(dryRun.out).toContain(
        '3 now map (inlet.payments.v1: 1, inlet.grades.v1: 1, inlet.media.v1: 1), 1 still do not',
      );
      expect(dryRun.out).toMatch(
        new RegExp(
          `skipped \\d+:\\d+ ${webhooks.stillUnmapped.eventId}: INLET_UNKNOWN_EVENT_TYPE: Stripe event 'customer.created'`,
        ),
      );

      const replay = await inlet(['unmapped', 'replay', '--yes']);
      expect(replay.code, replay.err).toBe(0);
      expect(replay.out).toContain('replayed 3 unmapped webhooks with their original eventIds');

      const payment = await watch.waitForEvent(webhooks.stripe.eventId);
      expect(payment.topic).toBe('inlet.payments.v1');
      expect(payment.event).toMatchObject({
        eventId: webhooks.stripe.eventId,
        type: 'payment.success',
        source: 'local-stripe',
        sourceEventName: 'charge.succeeded',
        receivedAt,
      });
      expect(payment.headers).toMatchObject({
        'inlet-event-id': webhooks.stripe.eventId,
        'inlet-event-type': 'payment.success',
        'inlet-source': 'local-stripe',
        'inlet-replayed-from': `${topic}/${positions.get(webhooks.stripe.eventId)!.replace(':', '/')}`,
      });
      const grade = await watch.waitForEvent(webhooks.generic.eventId);
      expect(grade).toMatchObject({
        topic: 'inlet.grades.v1',
        event: { type: 'grade.updated', receivedAt: receivedAt + 1000, source: 'local-lti' },
      });
      const video = await watch.waitForEvent(webhooks.internal.eventId);
      expect(video).toMatchObject({ topic: 'inlet.media.v1', event: { type: 'video.upload.completed' } });
      expect(watch.seen.some((record) => record.event.eventId === webhooks.stillUnmapped.eventId)).toBe(
        false,
      );
    } finally {
      await watch.stop();
    }
  });

  it('exits 1 when the selected records still do not map, and refuses without --yes off a terminal', async () => {
    const none = await inlet(['unmapped', 'replay', '--event-name', 'customer.created', '--yes']);
    expect(none.code).toBe(1);
    expect(none.out).toContain('0 now map, 1 still do not');
    expect(none.out).toContain('nothing to replay');

    const unconfirmed = await inlet(['unmapped', 'replay', '--source', 'local-lti']);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.err).toContain('refusing to replay 1 records without confirmation');
  });
});
