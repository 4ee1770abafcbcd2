import { BatchingProducer, type OutgoingRecord } from '@inlet/kafka-runtime';
import type { Kafka } from 'kafkajs';
import { CliFailure, errorMessage } from './errors.js';
import type { CliIo } from './io.js';
import { progressFor } from './progress.js';

/** Records per produce request and per progress step. */
const chunkSize = 500;

/**
 * Produces replayed records with the runtime's acks=all idempotent producer, in the order given, one chunk at a
 * time: the producer sends one batch at a time, so each key's records keep their order. Shared by
 * `inlet dlq replay` and `inlet unmapped replay`.
 */
export async function produceReplays(kafka: Kafka, records: OutgoingRecord[], io: CliIo): Promise<void> {
  const producer = new BatchingProducer(kafka, {
    lingerMs: 5,
    maxBatchSize: chunkSize,
    ackTimeoutMs: 30_000,
  });
  try {
    await producer.connect();
  } catch (error) {
    throw new CliFailure(`cannot reach Kafka to replay: ${errorMessage(error)}`, { cause: error });
  }
  const progress = progressFor(io, records.length, 'replaying');
  let replayed = 0;
  try {
    for (let start = 0; start < records.length; start += chunkSize) {
      const chunk = records.slice(start, start + chunkSize);
      await Promise.all(chunk.map((record) => producer.send(record)));
      replayed += chunk.length;
      progress.advance(chunk.length);
    }
  } catch (error) {
    throw new CliFailure(
      `replayed at least ${replayed} of ${records.length} before Kafka refused: ${errorMessage(error)}. ` +
        'Running the same replay again is safe: consumers skip event ids they already processed',
      { cause: error },
    );
  } finally {
    progress.stop();
    await producer.disconnect();
  }
}
