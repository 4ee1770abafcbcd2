import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka, Producer } from 'kafkajs';
import { uniqueName, waitFor } from '@inlet/test-harness';
import { PermanentError, createServiceConsumer, retryHeaders } from '../../src/index.js';
import {
  consumerOptions,
  createDatabaseBed,
  createServiceTopics,
  gradeEvent,
  produceEvent,
  readRecords,
  testKafkaClient,
  testLogger,
  testTopics,
  type DatabaseBed,
} from './support/test-bed.js';

describe('permanent failures', () => {
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

  it('sends poison bytes, a type without handler and a PermanentError straight to the DLQ', async () => {
    const topics = testTopics('permanent');
    cleanup = await createServiceTopics(kafka, topics);
    const schema = await db.schema();
    let handled = 0;
    const consumer = createServiceConsumer(
      consumerOptions(
        { kafka, topics, pool: db.pool, schema, log: testLogger() },
        {
          // No handler for grade.created on purpose.
          'grade.updated': async () => {
            handled++;
            throw new PermanentError('GRADE_INVALID', `the score is out of range ${'!'.repeat(10_000)}`);
          },
        },
      ),
    );
    await consumer.start();
    try {
      const poisonId = uniqueName('poison');
      const poison = Buffer.from('{"not":"avro"}');
      await producer.send({
        topic: topics.main,
        acks: -1,
        messages: [{ key: 'u-9', value: poison, headers: { 'inlet-event-id': poisonId } }],
      });
      const unhandled = { ...gradeEvent(), type: 'grade.created' as const };
      await produceEvent(producer, topics.main, unhandled);
      const invalid = gradeEvent();
      await produceEvent(producer, topics.main, invalid);

      const dead = await readRecords(kafka, topics.dlq, 3);
      const byId = new Map(dead.map((record) => [record.headers['inlet-event-id'], record.headers]));

      const poisonHeaders = byId.get(poisonId)!;
      expect(poisonHeaders).toMatchObject({
        [retryHeaders.attempt]: '1',
        [retryHeaders.errorClass]: 'UndecodableEventError',
        [retryHeaders.errorCode]: 'INLET_EVENT_UNDECODABLE',
        [retryHeaders.originalTopic]: topics.main,
      });
      expect(dead.find((r) => r.headers['inlet-event-id'] === poisonId)!.message.value!.equals(poison)).toBe(
        true,
      );

      expect(byId.get(unhandled.eventId)).toMatchObject({
        [retryHeaders.attempt]: '1',
        [retryHeaders.errorClass]: 'PermanentError',
        [retryHeaders.errorCode]: 'INLET_NO_HANDLER',
        [retryHeaders.errorMessage]: 'no handler for event type grade.created',
      });

      const invalidHeaders = byId.get(invalid.eventId)!;
      expect(invalidHeaders).toMatchObject({
        [retryHeaders.attempt]: '1',
        [retryHeaders.errorClass]: 'PermanentError',
        [retryHeaders.errorCode]: 'GRADE_INVALID',
      });
      // Long values are cut to 2 KB: every copy of the record carries them.
      expect(Buffer.byteLength(invalidHeaders[retryHeaders.errorMessage]!)).toBeLessThanOrEqual(2048);
      expect(invalidHeaders[retryHeaders.errorMessage]).toMatch(/^the score is out of range !+…$/);

      expect(handled).toBe(1);
      await waitFor(() => consumer.status().deadLettered === 3, {
        what: 'the status to count three dead letters',
      });
      expect(consumer.status()).toMatchObject({ retried: 0, processed: 0 });
    } finally {
      await consumer.stop();
    }
  });
});
