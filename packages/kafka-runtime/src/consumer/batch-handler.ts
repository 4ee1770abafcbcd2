import type { EachBatchHandler, EachBatchPayload } from 'kafkajs';
import type { MessageProcessor } from './message-processor.js';
import type { NotBeforeGate } from './not-before-gate.js';

export interface BatchHandlerOptions {
  processor: MessageProcessor;
  /** Retry tiers only: holds partitions whose head record is not due. */
  gate?: NotBeforeGate;
  /** The consumer's heartbeatInterval: how often a long handler sends a heartbeat. */
  heartbeatIntervalMs: number;
  /** True once stop() was called: finish the message in hand, start no other. */
  stopping: () => boolean;
  /** A message could not be taken to a durable outcome (Kafka or PostgreSQL unavailable). */
  onUnavailable: (error: unknown) => void;
}

/**
 * The kafkajs eachBatch handler (run with eachBatchAutoResolve: false and autoCommit).
 *
 * Offsets: a message's offset is resolved only after its outcome is durable (effect committed, or the
 * retry/DLQ record acknowledged), and kafkajs' autoCommit commits only resolved offsets: after every batch,
 * at most every autoCommitInterval within a long one (commitOffsetsIfNecessary), and before it rethrows a
 * failed batch. A crash anywhere therefore redelivers at most the messages after the last commit, whose
 * effects the processed-events table turns into no-ops; it never skips one.
 *
 * Messages of one partition are processed one after the other, in offset order; kafkajs runs
 * `partitionsConsumedConcurrently` partitions side by side.
 */
export function createBatchHandler(options: BatchHandlerOptions): EachBatchHandler {
  return async (payload) => {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    for (const message of batch.messages) {
      // isStale: a seek (not-before gate, rebalance) replaced this batch; the rest is fetched again.
      if (!isRunning() || isStale() || options.stopping()) return;
      if (options.gate?.holdIfNotDue(batch.topic, batch.partition, message)) return;
      try {
        await whileHeartbeating(payload, options.heartbeatIntervalMs, () =>
          options.processor.process(batch.topic, batch.partition, message),
        );
      } catch (error) {
        // Not resolved: kafkajs commits what was resolved, backs off and fetches this message again.
        options.onUnavailable(error);
        throw error;
      }
      resolveOffset(message.offset);
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
    // message; the handler in flight is not interrupted.
    payload.heartbeat().catch(() => undefined);
  }, intervalMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
