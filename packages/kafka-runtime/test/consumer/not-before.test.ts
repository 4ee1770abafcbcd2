import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka, Producer } from 'kafkajs';
import { Registry } from 'prom-client';
import { waitFor } from '@inlet/test-harness';
import { createServiceConsumer, retryHeaders } from '../../src/index.js';
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

describe('not-before on retry tiers', () => {
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

  /** The headers of a record the main consumer would have written on a first failure. */
  function retryRecordHeaders(topic: string, notBefore: number): Record<string, string> {
    return {
      [retryHeaders.attempt]: '2',
      [retryHeaders.originalTopic]: topic,
      [retryHeaders.originalPartition]: '0',
      [retryHeaders.originalOffset]: '0',
      [retryHeaders.notBefore]: String(notBefore),
      [retryHeaders.firstFailureAt]: String(Date.now()),
    };
  }

  it('holds a partition whose head is not due (paused, not polled) while other partitions keep flowing', async () => {
    const topics = testTopics('not-before');
    cleanup = await createServiceTopics(kafka, topics, 1, 2);
    const schema = await db.schema();
    const registry = new Registry();
    const handledAt = new Map<string, number>();
    const consumer = createServiceConsumer(
      consumerOptions(
        { kafka, topics, pool: db.pool, schema, log: testLogger() },
        {
          'grade.updated': async (event, context) => {
            handledAt.set(event.eventId, Date.now());
            await recordEffect(context.tx, schema, event.eventId, context.attempt);
          },
        },
        { metricsRegistry: registry },
      ),
    );
    await consumer.start();
    try {
      const tier = topics.retryTiers[0]!.topic;
      const later = gradeEvent();
      const notBefore = Date.now() + 1_500;
      await produceEvent(producer, tier, later, {
        partition: 0,
        headers: retryRecordHeaders(topics.main, notBefore),
      });
      await waitFor(() => consumer.status().pausedPartitions === 1, {
        what: 'the tier partition to be paused',
      });

      // Meanwhile: a due record on the other partition of the same tier, and a new event on the main topic.
      const due = gradeEvent();
      await produceEvent(producer, tier, due, {
        partition: 1,
        headers: retryRecordHeaders(topics.main, Date.now()),
      });
      const fresh = gradeEvent();
      await produceEvent(producer, topics.main, fresh);
      await waitFor(() => handledAt.has(due.eventId) && handledAt.has(fresh.eventId), {
        what: 'the due retry and the main-topic event',
      });
      expect(handledAt.has(later.eventId)).toBe(false);
      expect(Date.now()).toBeLessThan(notBefore);
      expect(consumer.status().running).toBe(true);

      await waitFor(() => handledAt.has(later.eventId), { what: 'the held record once due' });
      const lateness = handledAt.get(later.eventId)! - notBefore;
      console.log(`held retry record processed ${lateness} ms after its not-before`);
      expect(lateness).toBeGreaterThanOrEqual(0);
      expect(lateness).toBeLessThan(1_000);
      expect(consumer.status().pausedPartitions).toBe(0);

      // Not polled while held: the head was looked at once (twice if the timer fired a hair early).
      const pauses = await registry.getSingleMetric('inlet_consumer_retry_pauses_total')!.get();
      const tierPauses = pauses.values.find((v) => v.labels.topic === tier)?.value ?? 0;
      expect(tierPauses).toBeGreaterThanOrEqual(1);
      expect(tierPauses).toBeLessThanOrEqual(2);
      // The handler records its time before its transaction commits; the count follows the commit.
      await waitFor(() => consumer.status().processed === 3, { what: 'the third event to be counted' });
      expect(consumer.status()).toMatchObject({ processed: 3, failed: 0 });
    } finally {
      await consumer.stop();
    }
  });
});
