import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka, Producer } from 'kafkajs';
import { createTopics, kafkaConnection, uniqueName, waitFor } from '@inlet/test-harness';
import { BatchingProducer, ProduceError, createKafkaClient } from '../src/index.js';

describe('the batching producer', () => {
  let kafka: Kafka;
  let topic: string;
  let deleteTopics: () => Promise<void>;

  beforeAll(async () => {
    kafka = createKafkaClient({ connection: kafkaConnection(), clientId: uniqueName('producer-test') });
    topic = uniqueName('batching');
    deleteTopics = await createTopics(kafka, [{ topic, numPartitions: 3 }]);
  });
  afterAll(async () => deleteTopics());

  it('acknowledges every record, gathering concurrent sends into few produce requests', async () => {
    const producer = new BatchingProducer(kafka, { lingerMs: 5 });
    let produceRequests = 0;
    const internal = (producer as unknown as { producer: Producer }).producer;
    internal.on(internal.events.REQUEST, (event) => {
      if ((event.payload as { apiName: string }).apiName === 'Produce') produceRequests++;
    });
    await producer.connect();
    const count = 300;
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        producer.send({
          topic,
          key: `user-${i % 7}`,
          value: Buffer.from(`v${i}`),
          headers: { 'inlet-event-id': `e${i}` },
        }),
      ),
    );
    await producer.disconnect();
    expect(produceRequests).toBeGreaterThan(0);
    expect(produceRequests).toBeLessThan(count / 10);

    const seen = new Set<string>();
    const consumer = kafka.consumer({ groupId: uniqueName('batching-reader') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => void seen.add(String(message.headers?.['inlet-event-id'])),
    });
    await waitFor(() => seen.size === count, { what: `${count} records to be consumed` });
    await consumer.disconnect();
  });

  it('keeps the order of one key within its partition', async () => {
    const producer = new BatchingProducer(kafka, { lingerMs: 1, maxBatchSize: 7 });
    await producer.connect();
    const key = uniqueName('ordered');
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        producer.send({ topic, key, value: Buffer.from(String(i)), headers: {} }),
      ),
    );
    await producer.disconnect();

    const values: number[] = [];
    const consumer = kafka.consumer({ groupId: uniqueName('order-reader') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (String(message.key) === key) values.push(Number(String(message.value)));
      },
    });
    await waitFor(() => values.length === 50, { what: 'the keyed records' });
    await consumer.disconnect();
    expect(values).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('rejects with a retryable ProduceError when the topic does not exist', async () => {
    const producer = new BatchingProducer(kafka, { ackTimeoutMs: 3_000 });
    await producer.connect();
    const error = await producer
      .send({ topic: uniqueName('missing'), key: 'k', value: Buffer.from('v'), headers: {} })
      .catch((caught: unknown) => caught);
    await producer.disconnect();
    expect(error).toBeInstanceOf(ProduceError);
    expect((error as ProduceError).retryable).toBe(true);
  });

  it('refuses new records once it is disconnecting', async () => {
    const producer = new BatchingProducer(kafka);
    await producer.connect();
    await producer.disconnect();
    await expect(
      producer.send({ topic, key: 'k', value: Buffer.from('v'), headers: {} }),
    ).rejects.toMatchObject({
      code: 'INLET_PRODUCER_CLOSED',
    });
  });
});
