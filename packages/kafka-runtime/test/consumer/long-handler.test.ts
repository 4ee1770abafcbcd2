import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { waitFor } from '@inlet/test-harness';
import { createServiceConsumer } from '../../src/index.js';
import {
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

describe('long handlers', () => {
  let kafka: Kafka;
  let producer: Producer;
  let admin: Admin;
  let db: DatabaseBed;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    kafka = testKafkaClient();
    producer = kafka.producer();
    await producer.connect();
    admin = kafka.admin();
    await admin.connect();
    db = await createDatabaseBed();
  });
  afterAll(async () => {
    await producer.disconnect();
    await admin.disconnect();
    await cleanup?.();
    await db.close();
  });

  it('keeps the member in its group while a handler outlasts the session timeout', async () => {
    const topics = testTopics('long');
    cleanup = await createServiceTopics(kafka, topics, 1, 1);
    const schema = await db.schema();
    const sessionTimeoutMs = 6_000; // the broker's minimum
    let started = 0;
    let finished = 0;
    const consumer = createServiceConsumer(
      consumerOptions(
        { kafka, topics, pool: db.pool, schema, log: testLogger() },
        {
          'grade.updated': async (event, context) => {
            started = Date.now();
            await new Promise((resolve) => setTimeout(resolve, sessionTimeoutMs + 1_500));
            await recordEffect(context.tx, schema, event.eventId, context.attempt);
            finished = Date.now();
          },
        },
        { sessionTimeoutMs, heartbeatIntervalMs: 1_000 },
      ),
    );
    await consumer.start();
    try {
      const members = async () => {
        const { groups } = await admin.describeGroups([topics.consumerGroup]);
        return { state: groups[0]!.state, members: groups[0]!.members.map((member) => member.memberId) };
      };
      const before = await members();
      expect(before.members).toHaveLength(1);

      await produceEvent(producer, topics.main, gradeEvent());
      await waitFor(() => started > 0, { what: 'the handler to start' });
      // Measuring against the session timeout: past it, a member without heartbeats would have been removed.
      await new Promise((resolve) => setTimeout(resolve, sessionTimeoutMs + 500));
      expect(finished).toBe(0);
      expect(await members()).toEqual({ state: 'Stable', members: before.members });

      await waitFor(() => consumer.status().processed === 1, { what: 'the long handler to commit' });
      expect(consumer.status()).toMatchObject({ running: true, skipped: 0, failed: 0 });
      expect(await members()).toEqual({ state: 'Stable', members: before.members });
    } finally {
      await consumer.stop();
    }
  });
});
