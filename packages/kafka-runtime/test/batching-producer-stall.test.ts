import { describe, expect, it } from 'vitest';
import type { Kafka, Producer, ProducerBatch } from 'kafkajs';
import { BatchingProducer, ProduceError, type OutgoingRecord } from '../src/index.js';

/**
 * A unit test with kafkajs stubbed: a broker that stalls (a frozen process, a network partition) leaves
 * kafkajs' produce request hanging for its request timeout and retries, which a real broker would take minutes
 * to show. Here the stall lasts until the test ends it.
 */
function stalledKafka() {
  const sent: ProducerBatch[] = [];
  let endStall: () => void = () => undefined;
  const stalled = new Promise<void>((resolve) => (endStall = resolve));
  const producer = {
    sendBatch: async (batch: ProducerBatch) => {
      sent.push(batch);
      await stalled;
      return [];
    },
  } as unknown as Producer;
  const kafka = { producer: () => producer } as unknown as Kafka;
  return { kafka, sent, endStall };
}

const record = (id: number): OutgoingRecord => ({
  topic: 'inlet.grades.v1',
  key: `user-${id}`,
  value: Buffer.alloc(1024),
  headers: { 'inlet-event-id': `e${id}` },
});

const outcome = (sending: Promise<void>) =>
  sending.then(
    () => 'acknowledged',
    (error: unknown) => (error instanceof ProduceError ? error.code : String(error)),
  );

describe('the batching producer while the broker stalls', () => {
  it('lets go of records that time out while queued behind a hanging batch, and never sends them', async () => {
    const broker = stalledKafka();
    const producer = new BatchingProducer(broker.kafka, { lingerMs: 1, maxBatchSize: 2, ackTimeoutMs: 200 });

    const inFlight = [record(1), record(2)].map((r) => outcome(producer.send(r)));
    await expect.poll(() => broker.sent.length).toBe(1);
    const queued = [record(3), record(4), record(5)].map((r) => outcome(producer.send(r)));
    expect(producer.queued).toBe(3);

    expect(await Promise.all([...inFlight, ...queued])).toEqual(Array(5).fill('INLET_PRODUCE_TIMEOUT'));
    // Answered, so nothing may keep their values: the batch in flight still hangs, and would hold the queue.
    expect(producer.queued).toBe(0);

    broker.endStall();
    const next = outcome(producer.send(record(6)));
    expect(await next).toBe('acknowledged');
    // The timed-out records were not sent after the stall: only the first batch and record 6.
    expect(
      broker.sent.map((batch) => batch.topicMessages!.flatMap((t) => t.messages.map((m) => m.key))),
    ).toEqual([['user-1', 'user-2'], ['user-6']]);
  });
});
