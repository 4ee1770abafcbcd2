import type { FastifyInstance } from 'fastify';
import type { Kafka, Producer } from 'kafkajs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceConsumer } from '@inlet/kafka-runtime';
import { createEventCodec, EmbeddedRegistry, partitionKey, type InletEvent } from '@inlet/schemas';
import { testKafka, uniqueName, waitFor } from '@inlet/test-harness';
import type { ServiceTopics } from '@inlet/topics';
import { buildApp } from '../src/app.js';
import { createContentConsumer } from '../src/consumer.js';
import { createMetrics, type ContentMetrics } from '../src/metrics.js';
import { createMigratedDatabase, type MigratedDatabase } from './helpers/database.js';
import { at, behaviorEvent, contentEvent, deepLinkEvent } from './helpers/events.js';
import { createContentTopics, uniqueContentTopics } from './helpers/topics.js';

// The real consumer runtime on unique topics, fed real Avro-encoded events, seen through the read API.
describe('content consuming from Kafka', () => {
  const codec = createEventCodec({ registry: new EmbeddedRegistry() });
  let db: MigratedDatabase;
  let kafka: Kafka;
  let topics: ServiceTopics;
  let deleteTopics: () => Promise<void>;
  let producer: Producer;
  let metrics: ContentMetrics;
  let consumer: ServiceConsumer;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await createMigratedDatabase();
    kafka = testKafka();
    topics = uniqueContentTopics();
    deleteTopics = await createContentTopics(kafka, topics);
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
    metrics = createMetrics();
    consumer = createContentConsumer({
      kafka,
      pool: db.pool,
      codec,
      log: pino({ level: 'silent' }),
      metrics,
      topics,
    });
    await consumer.start();
    app = await buildApp({ pool: db.pool, consumerStatus: () => consumer.status(), metrics });
  });
  afterAll(async () => {
    await app?.close();
    await consumer?.stop();
    await producer?.disconnect();
    await deleteTopics?.();
    await db?.close();
  });

  /** As the ingress produces: Avro in the Confluent wire format, keyed by the entity, with the id headers. */
  async function produce(...events: InletEvent[]): Promise<void> {
    await producer.send({
      topic: topics.main,
      acks: -1,
      messages: await Promise.all(
        events.map(async (event) => ({
          key: partitionKey(event),
          value: (await codec.encode(event)).value,
          headers: {
            'inlet-event-id': event.eventId,
            'inlet-event-type': event.type,
            'inlet-source': event.source,
          },
        })),
      ),
    });
  }

  const get = (url: string) => app.inject({ method: 'GET', url });
  const handled = () => {
    const status = consumer.status();
    return status.processed + status.skipped;
  };
  const staleCount = async () =>
    (await metrics.staleEvents.get()).values.reduce((sum, value) => sum + value.value, 0);

  it('applies produced content, deep link and behavior events, and the read API shows them', async () => {
    const course = uniqueName('course');
    const contentId = uniqueName('assignment');
    const linkId = uniqueName('link');
    const userId = uniqueName('learner');
    await produce(
      contentEvent(
        'content.created',
        { contentId, contextId: course, title: 'Cell Structure Lab Report', body: '<p>organelles</p>' },
        { occurredAt: at(10) },
      ),
      contentEvent(
        'content.updated',
        { contentId, contextId: course, title: 'Cell Structure Lab Report', body: '<p>ribosomes</p>' },
        { occurredAt: at(20) },
      ),
      deepLinkEvent({ linkId, contextId: course }),
      behaviorEvent(userId, [
        ['view', contentId, at(30)],
        ['click', contentId, at(31)],
      ]),
    );

    const catalog = await waitFor(
      async () => {
        const body = (await get(`/contexts/${course}/content`)).json();
        return body.items.length === 1 && body.items[0].lastEventType === 'content.updated' && body;
      },
      { what: 'the item, its update applied' },
    );
    expect(catalog.items[0]).toMatchObject({ contentId, title: 'Cell Structure Lab Report' });
    const search = (await get(`/search?q=ribosomes&contextId=${course}`)).json();
    expect(search.items.map((hit: { contentId: string }) => hit.contentId)).toEqual([contentId]);
    expect((await get(`/search?q=organelles&contextId=${course}`)).json().items).toEqual([]);

    await waitFor(async () => (await get(`/deep-links/${linkId}`)).statusCode === 200, {
      what: 'the deep link',
    });
    const engagement = await waitFor(async () => {
      const body = (await get(`/engagement/users/${userId}`)).json();
      return body.days.length === 1 && body;
    });
    expect(engagement.totals).toEqual({ views: 1, clicks: 1, interactions: 0 });
    expect((await get('/health/ready')).statusCode).toBe(200);
  });

  it('a redelivered behavior batch counts once, and an older content event produced later changes nothing', async () => {
    const userId = uniqueName('learner');
    const contentId = uniqueName('page');
    const batch = behaviorEvent(userId, [['view', 'lesson:cells', at(30)]]);
    const update = contentEvent('content.updated', { contentId, title: 'newest' }, { occurredAt: at(20) });
    await produce(batch, update);
    await waitFor(async () => (await get(`/content/${contentId}`)).statusCode === 200, { what: 'the item' });
    await waitFor(async () => (await get(`/engagement/users/${userId}`)).json().days.length === 1);
    const before = handled();
    const staleBefore = await staleCount();

    // Kafka redelivers the batch (same eventId), and a retry of an older change finally arrives.
    await produce(batch);
    await produce(contentEvent('content.created', { contentId, title: 'oldest' }, { occurredAt: at(10) }));
    await waitFor(() => handled() >= before + 2, { what: 'both messages to be handled' });

    expect((await get(`/engagement/users/${userId}`)).json().totals).toEqual({
      views: 1,
      clicks: 0,
      interactions: 0,
    });
    expect((await get(`/content/${contentId}`)).json()).toMatchObject({ title: 'newest' });
    expect(consumer.status().skipped).toBeGreaterThanOrEqual(1);
    expect(await staleCount()).toBe(staleBefore + 1);
  });

  it('an invalid event goes to the DLQ at once, with its error code, and writes nothing', async () => {
    const linkId = uniqueName('link');
    const before = consumer.status().deadLettered;
    const invalid = deepLinkEvent({ linkId, configuration: '[1, 2]' });
    await produce(invalid);
    await waitFor(() => consumer.status().deadLettered === before + 1, {
      what: 'the event to be dead-lettered',
    });
    expect((await get(`/deep-links/${linkId}`)).statusCode).toBe(404);

    const reader = kafka.consumer({ groupId: uniqueName('dlq-reader') });
    await reader.connect();
    try {
      await reader.subscribe({ topic: topics.dlq, fromBeginning: true });
      const headers = await new Promise<Record<string, string>>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('nothing read from the DLQ in 15 s')), 15_000);
        void reader.run({
          eachMessage: async ({ message }) => {
            const text = Object.fromEntries(
              Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
            );
            if (text['inlet-event-id'] !== invalid.eventId) return;
            clearTimeout(timer);
            resolve(text);
          },
        });
      });
      expect(headers).toMatchObject({
        'inlet-attempt': '1',
        'inlet-error-class': 'PermanentError',
        'inlet-error-code': 'INLET_CONTENT_EVENT_INVALID',
      });
    } finally {
      await reader.disconnect();
    }
  });

  it('a database failure is retried through the retry tier, then applied', async () => {
    const linkId = uniqueName('link');
    const { retried, deadLettered } = consumer.status();
    // A table that is briefly gone fails the handler with an ordinary database error (SQLSTATE 42P01).
    await db.pool.query('ALTER TABLE content.deep_links RENAME TO deep_links_away');
    try {
      await produce(deepLinkEvent({ linkId }));
      await waitFor(() => consumer.status().retried > retried, { what: 'the event to go to a retry tier' });
    } finally {
      await db.pool.query('ALTER TABLE content.deep_links_away RENAME TO deep_links');
    }
    await waitFor(async () => (await get(`/deep-links/${linkId}`)).statusCode === 200, {
      what: 'the retried event to be applied',
    });
    expect(consumer.status().deadLettered).toBe(deadLettered);
  });

  it('one /metrics shows the consumer runtime and the service', async () => {
    const body = (await get('/metrics')).body;
    expect(body).toContain('inlet_consumer_messages_total');
    expect(body).toContain('inlet_content_stale_events_total');
  });

  it('is not ready once the consumer has stopped', async () => {
    await consumer.stop();
    const ready = await get('/health/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ checks: { consumer: 'failing', database: 'ok' } });
  });
});
