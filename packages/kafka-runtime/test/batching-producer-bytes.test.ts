import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka } from 'kafkajs';
import { topicMaxMessageBytes } from '@inlet/topics';
import { kafkaConnection, uniqueName, waitFor } from '@inlet/test-harness';
import { BatchingProducer, ProduceError, createKafkaClient, type OutgoingRecord } from '../src/index.js';
import { recordBatchHeaderBytes, recordBytes } from '../src/record-size.js';

const mib = 1024 * 1024;

/** A value of `bytes` bytes whose first four say which record it is, so the order can be read back. */
function numberedValue(index: number, bytes: number): Buffer {
  const value = Buffer.alloc(bytes, index % 256);
  value.writeUInt32BE(index, 0);
  return value;
}

describe('the batching producer with records near the topic limit', () => {
  let kafka: Kafka;
  let topic: string;

  beforeAll(async () => {
    kafka = createKafkaClient({ connection: kafkaConnection(), clientId: uniqueName('producer-bytes') });
    topic = uniqueName('producer-bytes');
    const admin = kafka.admin();
    await admin.connect();
    try {
      // Declared as every Inlet topic is: max.message.bytes bounds one partition's whole record batch.
      await admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic,
            numPartitions: 3,
            configEntries: [{ name: 'max.message.bytes', value: String(topicMaxMessageBytes) }],
          },
        ],
      });
    } finally {
      await admin.disconnect();
    }
  });
  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).finally(() => admin.disconnect());
  });

  it('splits concurrent 1 MiB records on one key across requests: all acknowledged, in order', async () => {
    const producer = new BatchingProducer(kafka, { ackTimeoutMs: 20_000 });
    await producer.connect();
    const key = uniqueName('big-key');
    const big: OutgoingRecord[] = Array.from({ length: 8 }, (_, i) => ({
      topic,
      key,
      // A 1 MiB webhook body (the ingress limit) encodes to about this much.
      value: numberedValue(i, mib),
      headers: { 'inlet-event-id': `big-${i}`, 'inlet-event-type': 'grade.updated' },
    }));
    const small: OutgoingRecord[] = Array.from({ length: 20 }, (_, i) => ({
      topic,
      key: `other-${i}`,
      value: numberedValue(i, 200),
      headers: { 'inlet-event-id': `small-${i}` },
    }));
    // Interleaved, as unrelated webhooks arrive between the big ones.
    const sends = big
      .flatMap((record, i) => [record, ...small.slice(i * 2, i * 2 + 2)])
      .concat(small.slice(16));
    const results = await Promise.allSettled(sends.map((record) => producer.send(record)));
    await producer.disconnect();
    const refused = results.flatMap((result) =>
      result.status === 'rejected' ? [String(result.reason)] : [],
    );
    expect(refused).toEqual([]);

    const order: number[] = [];
    const smallSeen = new Set<string>();
    const consumer = kafka.consumer({ groupId: uniqueName('bytes-reader'), maxBytes: 32 * mib });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (String(message.key) === key) order.push(message.value!.readUInt32BE(0));
        else smallSeen.add(String(message.headers?.['inlet-event-id']));
      },
    });
    await waitFor(() => order.length === 8 && smallSeen.size === 20, {
      what: 'the big and the small records',
      timeoutMs: 30_000,
    });
    await consumer.disconnect();
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  }, 60_000);

  it('sends a request filled to the limit by its size estimate, which Kafka accepts', async () => {
    const batches: number[] = [];
    const producer = new BatchingProducer(kafka, {
      lingerMs: 50,
      onBatch: (records) => batches.push(records),
    });
    await producer.connect();
    const key = uniqueName('full');
    const record = (i: number, bytes: number): OutgoingRecord => ({
      topic,
      key,
      value: numberedValue(i, bytes),
      headers: { 'inlet-event-id': `full-${i}` },
    });
    const records = [record(0, mib), record(1, mib), record(2, mib)];
    const used = recordBatchHeaderBytes + records.reduce((sum, r) => sum + recordBytes(r), 0);
    const framing = recordBytes(record(3, 4)) - 4;
    records.push(record(3, topicMaxMessageBytes - used - framing));
    expect(recordBatchHeaderBytes + records.reduce((sum, r) => sum + recordBytes(r), 0)).toBe(
      topicMaxMessageBytes,
    );
    const results = await Promise.allSettled(records.map((r) => producer.send(r)));
    await producer.disconnect();
    expect(results.map((result) => result.status)).toEqual(Array(4).fill('fulfilled'));
    // One request, on one partition: the estimate is never below what Kafka counts.
    expect(batches).toEqual([4]);
  }, 30_000);

  it('fails a record too large for any request alone, with a non-retryable INLET_RECORD_TOO_LARGE', async () => {
    const producer = new BatchingProducer(kafka, { maxBatchBytes: 64 * 1024 });
    await producer.connect();
    const oversized = producer.send({
      topic,
      key: 'k',
      value: Buffer.alloc(64 * 1024),
      headers: {},
    });
    const neighbours = Array.from({ length: 5 }, (_, i) =>
      producer.send({ topic, key: 'k', value: numberedValue(i, 20 * 1024), headers: {} }),
    );
    const error = await oversized.catch((caught: unknown) => caught);
    const fine = await Promise.allSettled(neighbours);
    await producer.disconnect();
    expect(error).toBeInstanceOf(ProduceError);
    expect(error).toMatchObject({ code: 'INLET_RECORD_TOO_LARGE', retryable: false });
    expect(fine.map((result) => result.status)).toEqual(Array(5).fill('fulfilled'));
  });
});
