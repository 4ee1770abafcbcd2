import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka, Producer } from 'kafkajs';
import { Registry } from 'prom-client';
import { ConfluentSchemaRegistry, createEventCodec } from '@inlet/schemas';
import { waitFor } from '@inlet/test-harness';
import { createServiceConsumer } from '../../src/index.js';
import { startFakeRegistry, type FakeRegistry } from './support/fake-registry.js';
import {
  appliedRows,
  consumerOptions,
  createDatabaseBed,
  createServiceTopics,
  gradeEvent,
  produceEvent,
  recordEffect,
  testKafkaClient,
  testLogger,
  testTopics,
  type DatabaseBed,
} from './support/test-bed.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a schema registry outage', () => {
  let kafka: Kafka;
  let producer: Producer;
  let db: DatabaseBed;
  let registry: FakeRegistry;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    kafka = testKafkaClient();
    producer = kafka.producer();
    await producer.connect();
    db = await createDatabaseBed();
    registry = await startFakeRegistry();
  });
  afterAll(async () => {
    await producer.disconnect();
    for (const cleanup of cleanups) await cleanup();
    await db.close();
    await registry.close();
  });

  /** Records on the retry tiers and the DLQ: none, when no attempt was spent. */
  async function recordsOffMain(topics: ReturnType<typeof testTopics>): Promise<number> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      let count = 0;
      for (const topic of [...topics.retryTiers.map((tier) => tier.topic), topics.dlq]) {
        for (const partition of await admin.fetchTopicOffsets(topic)) count += Number(partition.high);
      }
      return count;
    } finally {
      await admin.disconnect();
    }
  }

  it('outlasting the whole retry ladder, spends no attempt: applied once after it, at attempt 1', async () => {
    // Tiers of 300 + 600 ms: an outage of 3 s outlasts the ladder several times over.
    const topics = testTopics('registry-outage');
    cleanups.push(await createServiceTopics(kafka, topics, 1, 1));
    const schema = await db.schema();
    const metrics = new Registry();
    const attempts: number[] = [];
    // A consumer (re)started during the outage: it has no schema cached.
    registry.down();
    const consumer = createServiceConsumer(
      consumerOptions(
        { kafka, topics, pool: db.pool, schema, log: testLogger() },
        {
          'grade.updated': async (event, context) => {
            attempts.push(context.attempt);
            await recordEffect(context.tx, schema, event.eventId, context.attempt);
          },
        },
        {
          codec: createEventCodec({
            registry: new ConfluentSchemaRegistry({ url: registry.url, timeoutMs: 1_000 }),
          }),
          metricsRegistry: metrics,
        },
      ),
    );
    await consumer.start();
    try {
      const event = gradeEvent();
      await produceEvent(producer, topics.main, event);
      const outageStarted = Date.now();
      await sleep(3_000);
      // Nothing was routed on (as a retryable failure it would have passed both tiers to the DLQ by now): it kept
      // asking the registry instead.
      expect(await recordsOffMain(topics)).toBe(0);
      expect(registry.requests).toBeGreaterThanOrEqual(2);
      expect(consumer.status()).toMatchObject({
        running: false,
        lastError: expect.stringMatching(/schema registry.*(did not answer|with 503)/),
      });
      registry.up();

      await waitFor(() => consumer.status().processed === 1, {
        what: 'the event once the registry is back',
        timeoutMs: 30_000,
      });
      console.log(`registry outage ${Date.now() - outageStarted} ms: redelivered, applied after it`);
      expect(attempts).toEqual([1]);
      expect(await appliedRows(db.pool, schema, event.eventId)).toBe(1);
      expect(consumer.status()).toMatchObject({ running: true, failed: 0, retried: 0, deadLettered: 0 });
      expect(await recordsOffMain(topics)).toBe(0);

      const failures = await metrics.getSingleMetric('inlet_consumer_failures_total')!.get();
      const byKind = new Map<string, number>();
      for (const { labels, value } of failures.values) {
        byKind.set(String(labels.kind), (byKind.get(String(labels.kind)) ?? 0) + value);
      }
      expect(byKind.get('infrastructure')).toBeGreaterThanOrEqual(1);
      expect(byKind.get('retryable') ?? 0).toBe(0);
      expect(byKind.get('permanent') ?? 0).toBe(0);
    } finally {
      await consumer.stop();
    }
  }, 60_000);

  it('still dead-letters at once a value whose schema id the registry does not know', async () => {
    const topics = testTopics('registry-unknown-id');
    cleanups.push(await createServiceTopics(kafka, topics, 1, 1));
    const schema = await db.schema();
    registry.up();
    const consumer = createServiceConsumer(
      consumerOptions(
        { kafka, topics, pool: db.pool, schema, log: testLogger() },
        {
          'grade.updated': (event, context) =>
            recordEffect(context.tx, schema, event.eventId, context.attempt),
        },
        { codec: createEventCodec({ registry: new ConfluentSchemaRegistry({ url: registry.url }) }) },
      ),
    );
    await consumer.start();
    try {
      const event = gradeEvent();
      const { value } = await produceEvent(producer, topics.main, event);
      const unknownId = Buffer.from(value);
      unknownId.writeInt32BE(424242, 1);
      await producer.send({
        topic: topics.main,
        acks: -1,
        messages: [{ key: 'u-1', value: unknownId, headers: { 'inlet-event-type': 'grade.updated' } }],
      });
      await waitFor(() => consumer.status().deadLettered === 1 && consumer.status().processed === 1, {
        what: 'the known event applied and the unknown id dead-lettered',
      });
      expect(consumer.status()).toMatchObject({ retried: 0, running: true });
    } finally {
      await consumer.stop();
    }
  });
});
