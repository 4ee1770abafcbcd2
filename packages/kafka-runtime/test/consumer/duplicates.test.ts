import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka, Producer } from 'kafkajs';
import { waitFor } from '@inlet/test-harness';
import { createServiceConsumer } from '../../src/index.js';
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

describe('duplicates', () => {
  let kafka: Kafka;
  let producer: Producer;
  let db: DatabaseBed;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    kafka = testKafkaClient();
    producer = kafka.producer();
    await producer.connect();
    db = await createDatabaseBed();
  });
  afterAll(async () => {
    await producer.disconnect();
    await cleanup?.();
    await db.close();
  });

  it('applies an event delivered twice (same partition, and concurrently on another) once', async () => {
    const topics = testTopics('dupes');
    cleanup = await createServiceTopics(kafka, topics);
    const schema = await db.schema();
    let calls = 0;
    const consumer = createServiceConsumer(
      consumerOptions(
        { kafka, topics, pool: db.pool, schema, log: testLogger() },
        {
          'grade.updated': async (event, context) => {
            calls++;
            await recordEffect(context.tx, schema, event.eventId, context.attempt);
            // Slow enough for the copy on the other partition to arrive while this transaction is open.
            await new Promise((resolve) => setTimeout(resolve, 100));
          },
        },
      ),
    );
    await consumer.start();
    try {
      const event = gradeEvent();
      await produceEvent(producer, topics.main, event, { partition: 0 });
      await produceEvent(producer, topics.main, event, { partition: 0 });
      await produceEvent(producer, topics.main, event, { partition: 1 });

      await waitFor(() => consumer.status().processed + consumer.status().skipped === 3, {
        what: 'all three copies to be handled',
      });
      expect(consumer.status()).toMatchObject({ processed: 1, skipped: 2, failed: 0 });
      expect(await appliedRows(db.pool, schema, event.eventId)).toBe(1);
      const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM ${schema.processedTable}`);
      expect(rows[0].n).toBe(1);
      // A handler runs for a copy only when its INSERT won; concurrent copies wait on the row lock.
      expect(calls).toBe(1);
    } finally {
      await consumer.stop();
    }
  });
});
