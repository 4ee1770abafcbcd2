import { retryHeaders, type OutgoingRecord } from '@inlet/kafka-runtime';
import type { DeadLetter } from './dead-letter.js';

/** Headers a replayed record carries besides the event's own. */
export const replayHeaders = {
  /** `<dlq topic>/<partition>/<offset>` of the dead letter it was replayed from. */
  replayedFrom: 'inlet-replayed-from',
  /** Epoch ms, like the runtime's other times. */
  replayedAt: 'inlet-replayed-at',
  /**
   * The W3C traceparent the dead letter carried, kept apart from `traceparent` (which the runtime replaces with
   * its own span's context when the replayed event fails again), so the original trace stays findable.
   */
  originalTraceparent: 'inlet-original-traceparent',
} as const;

const runtimeFailureHeaders = new Set<string>(Object.values(retryHeaders));

/** The retry/DLQ bookkeeping of the failed run: a replay starts with fresh attempts. */
function isFailureHeader(name: string): boolean {
  return runtimeFailureHeaders.has(name) || name.startsWith('inlet-error-');
}

export interface ReplayDestination {
  topic: string;
  /** Set for a retry tier: the runtime holds a tier partition until its head's inlet-not-before. */
  notBefore?: number;
}

/**
 * The record that replays a dead letter: same key, same value bytes, the event's headers (inlet-event-id/
 * type/source, traceparent, tracestate) without the failure's retry headers, so the consumer starts over at
 * attempt 1 on the main topic (a retry tier reads a missing inlet-attempt as 2, its first retry).
 *
 * `traceparent` is kept: the consumer's span of the replay becomes a child of the span that dead-lettered the
 * event, in the same trace as the original webhook.
 */
export function replayRecord(
  letter: DeadLetter,
  destination: ReplayDestination,
  now: number,
): OutgoingRecord {
  const kept = Object.fromEntries(
    Object.entries(letter.headers).filter(
      ([name]) =>
        !isFailureHeader(name) && name !== replayHeaders.replayedFrom && name !== replayHeaders.replayedAt,
    ),
  );
  const traceparent = letter.headers.traceparent;
  const headers: Record<string, string> = {
    ...kept,
    [replayHeaders.replayedFrom]: `${letter.topic}/${letter.partition}/${letter.offset}`,
    [replayHeaders.replayedAt]: String(now),
  };
  // A second replay keeps the first original: that is where the event's trace began.
  if (traceparent !== undefined && headers[replayHeaders.originalTraceparent] === undefined) {
    headers[replayHeaders.originalTraceparent] = traceparent;
  }
  if (destination.notBefore !== undefined) headers[retryHeaders.notBefore] = String(destination.notBefore);
  return { topic: destination.topic, key: letter.key, value: letter.value ?? Buffer.alloc(0), headers };
}
