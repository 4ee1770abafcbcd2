import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka, Producer } from 'kafkajs';
import { Registry } from 'prom-client';
import { uniqueName, waitFor } from '@inlet/test-harness';
import { PermanentError, createServiceConsumer } from '../../src/index.js';
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

// What an SRE reads: lag per partition, end-to-end latency from the ingress, and how deep the DLQ is.
describe('consumer observability', () => {
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

  it('exports lag, end-to-end latency and DLQ depth, and reports the lag in its status', async () => {
    const topics = testTopics('observability');
    cleanup = await createServiceTopics(kafka, topics);
    const schema = await db.schema();
    const registry = new Registry();
    const consumer = createServiceConsumer(
      consumerOptions(
        { kafka, topics, pool: db.pool, schema, log: testLogger() },
        {
          'grade.updated': async (event, { tx, attempt }) => {
            if (event.data.userId === 'poison-user')
              throw new PermanentError('GRADE_INVALID', 'cannot apply');
            await recordEffect(tx, schema, event.eventId, attempt);
          },
        },
        { metricsRegistry: registry },
      ),
    );
    await consumer.start();
    try {
      const accepted = Date.now() - 1_500;
      for (let i = 0; i < 5; i++) {
        await produceEvent(producer, topics.main, { ...gradeEvent(uniqueName('ok')), receivedAt: accepted });
      }
      await produceEvent(producer, topics.main, gradeEvent(uniqueName('bad'), 'poison-user'));
      await waitFor(() => consumer.status().processed === 5 && consumer.status().deadLettered === 1, {
        what: 'five applied and one dead-lettered',
      });

      const metrics = await waitFor(
        async () => {
          const text = await registry.metrics();
          return /inlet_consumer_dlq_depth\{service="grades"\} 1\b/.test(text) ? text : undefined;
        },
        { what: 'the DLQ depth of 1' },
      );
      expect(metrics).toMatch(
        new RegExp(`inlet_consumer_lag\\{service="grades",topic="${topics.main}",partition="\\d+"\\} 0`),
      );
      const count =
        /inlet_consumer_end_to_end_seconds_count\{service="grades",type="grade.updated"\} (\d+)/.exec(
          metrics,
        );
      expect(Number(count?.[1])).toBe(5);
      const sum =
        /inlet_consumer_end_to_end_seconds_sum\{service="grades",type="grade.updated"\} ([\d.]+)/.exec(
          metrics,
        );
      // Each event was accepted 1.5 s before it was produced, so each took at least that long end to end.
      expect(Number(sum?.[1])).toBeGreaterThanOrEqual(5 * 1.5);
      expect(consumer.status().lag).toBe(0);
    } finally {
      await consumer.stop();
    }
  });
});
