import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka, Producer } from 'kafkajs';
import { Registry } from 'prom-client';
import { waitFor } from '@inlet/test-harness';
import { createServiceConsumer, retryHeaders } from '../../src/index.js';
import {
  appliedRows,
  consumerOptions,
  createDatabaseBed,
  createServiceTopics,
  gradeEvent,
  produceEvent,
  readRecords,
  recordEffect,
  testKafkaClient,
  testLogger,
  testTopics,
  type DatabaseBed,
} from './support/test-bed.js';

class GradebookUnavailable extends Error {
  readonly code = 'GRADEBOOK_DOWN';
}

describe('retry tiers', () => {
  let kafka: Kafka;
  let producer: Producer;
  let db: DatabaseBed;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    kafka = testKafkaClient();
    producer = kafka.producer();
    await producer.connect();
    db = await createDatabaseBed();
  });
  afterAll(async () => {
    await producer.disconnect();
    for (const cleanup of cleanups) await cleanup();
    await db.close();
  });

  it('passes a failing event through tier 1 and tier 2, applies it once, each retry after its delay', async () => {
    const topics = testTopics('retry-ok');
    cleanups.push(await createServiceTopics(kafka, topics));
    const schema = await db.schema();
    const registry = new Registry();
    const calls: { attempt: number; topic: string; at: number }[] = [];
    const consumer = createServiceConsumer(
      consumerOptions(
        { kafka, topics, pool: db.pool, schema, log: testLogger() },
        {
          'grade.updated': async (event, context) => {
            calls.push({ attempt: context.attempt, topic: context.topic, at: Date.now() });
            // Written before failing: the rollback must remove it, so only the last attempt's row remains.
            await recordEffect(context.tx, schema, event.eventId, context.attempt);
            if (calls.length <= 2) throw new Error('the gradebook is busy');
          },
        },
        { metricsRegistry: registry },
      ),
    );
    await consumer.start();
    try {
      const event = gradeEvent();
      await produceEvent(producer, topics.main, event);
      await waitFor(() => consumer.status().processed === 1, { what: 'the third attempt to succeed' });

      expect(calls.map((call) => [call.attempt, call.topic])).toEqual([
        [1, topics.main],
        [2, topics.retryTiers[0]!.topic],
        [3, topics.retryTiers[1]!.topic],
      ]);
      const firstWait = calls[1]!.at - calls[0]!.at;
      const secondWait = calls[2]!.at - calls[1]!.at;
      expect(firstWait).toBeGreaterThanOrEqual(300);
      expect(secondWait).toBeGreaterThanOrEqual(600);
      console.log(`retry waits: tier 1 (300 ms) ${firstWait} ms, tier 2 (600 ms) ${secondWait} ms`);

      expect(await appliedRows(db.pool, schema, event.eventId)).toBe(1);
      const { rows } = await db.pool.query(`SELECT attempt FROM ${schema.appliedTable}`);
      expect(rows).toEqual([{ attempt: 3 }]);
      expect(consumer.status()).toMatchObject({ processed: 1, retried: 2, failed: 2, deadLettered: 0 });

      const counted = await registry.getSingleMetric('inlet_consumer_messages_total')!.get();
      const byOutcome = Object.fromEntries(
        counted.values.map((v) => [`${v.labels.topic}:${v.labels.outcome}`, v.value]),
      );
      expect(byOutcome).toEqual({
        [`${topics.main}:retried`]: 1,
        [`${topics.retryTiers[0]!.topic}:retried`]: 1,
        [`${topics.retryTiers[1]!.topic}:processed`]: 1,
      });
      expect(
        counted.values.every((v) => v.labels.type === 'grade.updated' && v.labels.service === 'grades'),
      ).toBe(true);
    } finally {
      await consumer.stop();
    }
  });

  it('dead-letters an event that always fails, with every retry header, its bytes and its main-topic coordinates', async () => {
    const topics = testTopics('retry-dlq');
    cleanups.push(await createServiceTopics(kafka, topics));
    const schema = await db.schema();
    let attempts = 0;
    const consumer = createServiceConsumer(
      consumerOptions(
        { kafka, topics, pool: db.pool, schema, log: testLogger() },
        {
          'grade.updated': async (event, context) => {
            attempts++;
            await recordEffect(context.tx, schema, event.eventId, context.attempt);
            throw new GradebookUnavailable(`attempt ${context.attempt}: the gradebook is down`);
          },
        },
      ),
    );
    await consumer.start();
    try {
      const event = gradeEvent();
      const sent = await produceEvent(producer, topics.main, event, {
        partition: 2,
        headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
      });
      const [dead] = await readRecords(kafka, topics.dlq, 1);
      expect(attempts).toBe(3);
      expect(await appliedRows(db.pool, schema)).toBe(0);

      const headers = dead!.headers;
      expect(dead!.message.value!.equals(sent.value)).toBe(true);
      expect(dead!.message.key!.toString()).toBe('u-1');
      expect(headers).toMatchObject({
        'inlet-event-id': event.eventId,
        'inlet-event-type': 'grade.updated',
        'inlet-source': 'test-lms',
        [retryHeaders.attempt]: '3',
        [retryHeaders.originalTopic]: topics.main,
        [retryHeaders.originalPartition]: '2',
        [retryHeaders.originalOffset]: sent.offset,
        [retryHeaders.errorClass]: 'GradebookUnavailable',
        [retryHeaders.errorMessage]: 'attempt 3: the gradebook is down',
        [retryHeaders.errorCode]: 'GRADEBOOK_DOWN',
        [retryHeaders.consumerGroup]: topics.consumerGroup,
      });
      expect(headers[retryHeaders.errorStack]).toMatch(/attempt 3: the gradebook is down\n\s+at /);
      expect(headers.traceparent).toBeDefined();
      const first = Number(headers[retryHeaders.firstFailureAt]);
      const last = Number(headers[retryHeaders.lastFailureAt]);
      expect(last - first).toBeGreaterThanOrEqual(900);
      expect(Number(headers[retryHeaders.notBefore])).toBe(last);

      // The first retry record: attempt 2, due one tier delay after the first failure.
      const [retried] = await readRecords(kafka, topics.retryTiers[0]!.topic, 1);
      expect(retried!.headers).toMatchObject({
        [retryHeaders.attempt]: '2',
        [retryHeaders.originalOffset]: sent.offset,
        [retryHeaders.errorMessage]: 'attempt 1: the gradebook is down',
        [retryHeaders.firstFailureAt]: String(first),
      });
      expect(Number(retried!.headers[retryHeaders.notBefore])).toBe(first + 300);
      expect(consumer.status()).toMatchObject({ retried: 2, deadLettered: 1, failed: 3, processed: 0 });
    } finally {
      await consumer.stop();
    }
  });
});
