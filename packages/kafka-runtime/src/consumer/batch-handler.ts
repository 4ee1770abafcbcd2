import type { EachBatchHandler, EachBatchPayload } from 'kafkajs';
import type { BatchProcessor } from './batch-processor.js';
import type { NotBeforeGate } from './not-before-gate.js';

export interface BatchHandlerOptions {
  processor: BatchProcessor;
  /** Retry tiers only: holds partitions whose head record is not due. */
  gate?: NotBeforeGate;
  /** Most messages applied in one transaction. */
  maxTransactionEvents: number;
  /** The consumer's heartbeatInterval: how often a long transaction sends a heartbeat. */
  heartbeatIntervalMs: number;
  /** True once stop() was called: finish the messages in hand, start no others. */
  stopping: () => boolean;
  /** Messages could not be taken to a durable outcome (Kafka or PostgreSQL unavailable). */
  onUnavailable: (error: unknown) => void;
}

/**
 * The kafkajs eachBatch handler (run with eachBatchAutoResolve: false and autoCommit).
 *
 * A fetched batch is applied in slices of up to `maxTransactionEvents` messages, each slice in one PostgreSQL
 * transaction (batch-processor.ts). On a retry tier a slice ends before the first record that is not due yet,
 * and the partition is then held at that record (not-before-gate.ts).
 *
 * Offsets: a message's offset is resolved only after its outcome is durable (its slice committed, or its
 * retry/DLQ record acknowledged), and kafkajs' autoCommit commits only resolved offsets: after every batch,
 * at most every autoCommitInterval within a long one (commitOffsetsIfNecessary), and before it rethrows a
 * failed batch. A crash anywhere therefore redelivers at most the messages after the last commit, whose
 * effects the processed-events table turns into no-ops; it never skips one.
 *
 * Messages of one partition are applied in offset order; kafkajs runs `partitionsConsumedConcurrently`
 * partitions side by side.
 */
export function createBatchHandler(options: BatchHandlerOptions): EachBatchHandler {
  return async (payload) => {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    let next = 0;
    while (next < batch.messages.length) {
      // isStale: a seek (not-before gate, rebalance) replaced this batch; the rest is fetched again.
      if (!isRunning() || isStale() || options.stopping()) return;
      const head = batch.messages[next]!;
      if (options.gate?.holdIfNotDue(batch.topic, batch.partition, head)) return;
      const slice = [head];
      while (slice.length < options.maxTransactionEvents && next + slice.length < batch.messages.length) {
        const candidate = batch.messages[next + slice.length]!;
        if (options.gate && !options.gate.isDue(candidate)) break;
        slice.push(candidate);
      }
      const progress = await whileHeartbeating(payload, options.heartbeatIntervalMs, () =>
        options.processor.process(batch.topic, batch.partition, slice),
      );
      if (progress.durable > 0) resolveOffset(slice[progress.durable - 1]!.offset);
      if (progress.error !== undefined) {
        // Not resolved: kafkajs commits what was resolved, backs off and fetches the rest again.
        options.onUnavailable(progress.error);
        throw progress.error;
      }
      next += slice.length;
      await commitOffsetsIfNecessary();
      // Throws while the group rebalances: kafkajs then commits what is resolved and rejoins.
      await heartbeat();
    }
  };
}

/**
 * Runs `work` while sending the group a heartbeat every `intervalMs`, so a handler slower than the session
 * timeout does not get the member thrown out of its group (kafkajs heartbeats only between messages).
 */
async function whileHeartbeating<T>(
  payload: Pick<EachBatchPayload, 'heartbeat'>,
  intervalMs: number,
  work: () => Promise<T>,
): Promise<T> {
  const timer = setInterval(() => {
    // A failed heartbeat (rebalance in progress) is seen again, and acted on, by the heartbeat after the
    // slice; the transaction in flight is not interrupted.
    payload.heartbeat().catch(() => undefined);
  }, intervalMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
