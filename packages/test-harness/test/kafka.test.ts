import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka } from 'kafkajs';
import { createTopics, testKafka, uniqueName } from '../src/index.js';

describe('the real Kafka broker of the test run', () => {
  let kafka: Kafka;
  let topic: string;
  let deleteTopics: () => Promise<void>;

  beforeAll(async () => {
    kafka = testKafka();
    topic = uniqueName('harness');
    deleteTopics = await createTopics(kafka, [{ topic, numPartitions: 2 }]);
  });
  afterAll(async () => deleteTopics());

  it('takes an acks=all idempotent produce and hands it to a consumer group that commits it', async () => {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const [ack] = await producer.send({
      topic,
      acks: -1,
      messages: [{ key: 'course-1', value: 'hello', headers: { 'inlet-event-id': 'evt-1' } }],
    });
    await producer.disconnect();
    expect(ack?.errorCode).toBe(0);

    const groupId = uniqueName('harness-group');
    const consumer = kafka.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = await new Promise<{ key: string; value: string; eventId: string; partition: number }>(
      (resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              await consumer.commitOffsets([
                { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
              ]);
              resolve({
                key: String(message.key),
                value: String(message.value),
                eventId: String(message.headers?.['inlet-event-id']),
                partition,
              });
            },
          })
          .catch(reject);
      },
    );
    await consumer.disconnect();
    expect(received).toMatchObject({ key: 'course-1', value: 'hello', eventId: 'evt-1' });
    expect(received.partition).toBe(ack?.partition);

    const admin = kafka.admin();
    await admin.connect();
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    await admin.deleteGroups([groupId]);
    await admin.disconnect();
    const offsetOfPartition = committed?.partitions.find((p) => p.partition === received.partition)?.offset;
    expect(offsetOfPartition).toBe('1');
  });
});
