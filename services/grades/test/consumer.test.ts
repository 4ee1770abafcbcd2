import type { FastifyInstance } from 'fastify';
import type { Kafka, Producer } from 'kafkajs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceConsumer } from '@inlet/kafka-runtime';
import { createEventCodec, EmbeddedRegistry, type InletEvent } from '@inlet/schemas';
import { testKafka, uniqueName, waitFor } from '@inlet/test-harness';
import type { ServiceTopics } from '@inlet/topics';
import { buildApp } from '../src/app.js';
import { createGradesConsumer } from '../src/consumer.js';
import { createMetrics, type GradesMetrics } from '../src/metrics.js';
import { createMigratedDatabase, type MigratedDatabase } from './helpers/database.js';
import { at, gradeEvent, moduleEvent } from './helpers/events.js';
import { createGradesTopics, uniqueGradesTopics } from './helpers/topics.js';

// The real consumer runtime on unique topics, fed real Avro-encoded events, seen through the read API.
describe('grades consuming from Kafka', () => {
  const codec = createEventCodec({ registry: new EmbeddedRegistry() });
  let db: MigratedDatabase;
  let kafka: Kafka;
  let topics: ServiceTopics;
  let deleteTopics: () => Promise<void>;
  let producer: Producer;
  let metrics: GradesMetrics;
  let consumer: ServiceConsumer;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await createMigratedDatabase();
    kafka = testKafka();
    topics = uniqueGradesTopics();
    deleteTopics = await createGradesTopics(kafka, topics);
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
    metrics = createMetrics();
    consumer = createGradesConsumer({
      kafka,
      pool: db.pool,
      codec,
      log: pino({ level: 'warn' }),
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

  /** As the ingress produces: Avro in the Confluent wire format, keyed by the learner, with the id headers. */
  async function produce(...events: InletEvent[]): Promise<void> {
    await producer.send({
      topic: topics.main,
      acks: -1,
      messages: await Promise.all(
        events.map(async (event) => ({
          key: (event.data as { userId: string }).userId,
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

  it('applies produced grade and progress events, and the read API shows them', async () => {
    const userId = uniqueName('learner');
    await produce(
      gradeEvent(
        'grade.created',
        { userId, resourceLinkId: 'quiz-1', score: 6, maxScore: 10 },
        { occurredAt: at(10) },
      ),
      gradeEvent(
        'grade.updated',
        { userId, resourceLinkId: 'quiz-1', score: 9, maxScore: 10 },
        { occurredAt: at(20) },
      ),
      gradeEvent(
        'grade.created',
        { userId, resourceLinkId: 'essay-1', score: 40, maxScore: 50 },
        { occurredAt: at(30) },
      ),
      moduleEvent({ userId, moduleId: 'module-1' }, { occurredAt: at(40) }),
    );

    const grades = await waitFor(
      async () => {
        const body = (await get(`/grades?userId=${userId}`)).json();
        return body.items.length === 2 && body.items.every((g: { score: number }) => g.score !== 6) && body;
      },
      { what: 'both grades, the update applied' },
    );
    expect(
      grades.items.map((g: { resourceLinkId: string; percentage: number }) => [
        g.resourceLinkId,
        g.percentage,
      ]),
    ).toEqual([
      ['essay-1', 80],
      ['quiz-1', 90],
    ]);
    const progress = await waitFor(async () => {
      const body = (await get(`/progress/${userId}`)).json();
      return body.modules.length === 1 && body;
    });
    expect(progress.modules[0]).toMatchObject({
      moduleId: 'module-1',
      completedAt: new Date(at(40)).toISOString(),
    });
    expect((await get('/health/ready')).statusCode).toBe(200);
  });

  it('a redelivered event is applied once, and an older event produced later changes nothing', async () => {
    const userId = uniqueName('learner');
    const update = gradeEvent(
      'grade.updated',
      { userId, resourceLinkId: 'quiz-1', score: 9, maxScore: 10 },
      { occurredAt: at(20) },
    );
    await produce(update);
    await waitFor(async () => (await get(`/grades/${userId}/quiz-1`)).statusCode === 200, {
      what: 'the grade',
    });
    const applied = (await get(`/grades/${userId}/quiz-1`)).json();
    const before = handled();
    const staleBefore = (await metrics.staleEvents.get()).values.reduce((sum, value) => sum + value.value, 0);

    // Kafka redelivers the same event (same eventId), and a retry of an older change finally arrives.
    await produce(update);
    await produce(
      gradeEvent(
        'grade.updated',
        { userId, resourceLinkId: 'quiz-1', score: 2, maxScore: 10 },
        { occurredAt: at(10) },
      ),
    );
    await waitFor(() => handled() >= before + 2, { what: 'both messages to be handled' });

    expect((await get(`/grades/${userId}/quiz-1`)).json()).toEqual(applied);
    const { rows } = await db.pool.query(
      'SELECT count(*)::int AS n FROM grades.processed_events WHERE event_id = $1',
      [update.eventId],
    );
    expect(rows[0]).toEqual({ n: 1 });
    expect(consumer.status().skipped).toBeGreaterThanOrEqual(1);
    const staleAfter = (await metrics.staleEvents.get()).values.reduce((sum, value) => sum + value.value, 0);
    expect(staleAfter).toBe(staleBefore + 1);
  });

  it('one /metrics shows the consumer runtime and the service', async () => {
    const body = (await get('/metrics')).body;
    expect(body).toContain('inlet_consumer_messages_total');
    expect(body).toContain('inlet_grades_stale_events_total');
  });

  it('is not ready once the consumer has stopped', async () => {
    await consumer.stop();
    const ready = await get('/health/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ checks: { consumer: 'failing', database: 'ok' } });
  });
});
