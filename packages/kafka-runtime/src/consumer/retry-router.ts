import type { ServiceTopics } from '@inlet/topics';
import type { OutgoingRecord } from '../batching-producer.js';
import { ConsumerError } from './consumer-errors.js';
import { describeFailure } from './failure.js';
import { carriedHeaders, integerHeader } from './message-headers.js';
import { traceContextHeaders } from './tracing.js';
import { retryHeaders } from './types.js';

/**
 * Where a failed message goes next. Attempt 1 is the main topic; retry n (attempt n+1) uses tier n, and
 * when the policy allows more retries than there are tiers (equal capped delays share one topic), the last
 * tier again. After `retryPolicy.maxRetries` retries, or at once for a permanent failure: the DLQ.
 */
export type Route =
  { to: 'retry'; topic: string; delayMs: number; nextAttempt: number } | { to: 'dlq'; topic: string };

export function nextRoute(topics: ServiceTopics, failedAttempt: number, permanent: boolean): Route {
  const maxRetries = topics.retryPolicy.maxRetries;
  if (permanent || failedAttempt > maxRetries || topics.retryTiers.length === 0) {
    return { to: 'dlq', topic: topics.dlq };
  }
  const tier = topics.retryTiers[Math.min(failedAttempt, topics.retryTiers.length) - 1]!;
  return { to: 'retry', topic: tier.topic, delayMs: tier.delayMs, nextAttempt: failedAttempt + 1 };
}

/** Fails at construction when the ladder cannot work as declared (a tier that no retry would ever use). */
export function assertRetryLadder(topics: ServiceTopics): void {
  const { maxRetries } = topics.retryPolicy;
  const problem =
    !Number.isInteger(maxRetries) || maxRetries < 0
      ? `retryPolicy.maxRetries must be a non-negative integer, not ${maxRetries}`
      : maxRetries > 0 && topics.retryTiers.length === 0
        ? `retryPolicy.maxRetries is ${maxRetries} but there are no retry tiers`
        : topics.retryTiers.length > maxRetries
          ? `${topics.retryTiers.length} retry tiers but only ${maxRetries} retries: the last tiers would never be used`
          : topics.retryTiers.find((tier) => !(tier.delayMs >= 0))
            ? 'every retry tier needs a non-negative delayMs'
            : undefined;
  if (problem) {
    throw new ConsumerError('INLET_CONSUMER_CONFIG_INVALID', `${topics.service}: ${problem}`, {
      retryable: false,
    });
  }
}

export interface FailedMessage {
  /** Where it was read from now. */
  topic: string;
  partition: number;
  offset: string;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  attempt: number;
  error: unknown;
  permanent: boolean;
}

export interface RoutedFailure {
  result: 'retried' | 'dead_lettered';
  topic: string;
}

/**
 * The retry/DLQ record of a failed message: same key, same value bytes, the original headers, the trace
 * context of the active span, and the retry headers (docs/ARCHITECTURE.md).
 *
 * - inlet-attempt: on a retry record, the attempt it will be when consumed; on a DLQ record, the attempts made.
 * - inlet-original-topic/partition/offset: the main-topic coordinates, kept from the first failure on.
 * - inlet-not-before: retry records: failure time + tier delay; DLQ records: the dead-letter time.
 * - inlet-error-class/message/code/stack: this failure (message and stack cut to 2 KB; code only when set).
 * - inlet-consumer-group: the service's group; inlet-first-failure-at / inlet-last-failure-at: epoch ms.
 */
export function failureRecord(
  failed: FailedMessage,
  route: Route,
  consumerGroup: string,
  now: number,
): OutgoingRecord {
  const { headers } = failed;
  const firstRetry = failed.attempt <= 1 || headers[retryHeaders.originalTopic] === undefined;
  const failure = describeFailure(failed.error);
  const original = firstRetry
    ? { topic: failed.topic, partition: String(failed.partition), offset: failed.offset }
    : {
        topic: headers[retryHeaders.originalTopic]!,
        partition: headers[retryHeaders.originalPartition] ?? '',
        offset: headers[retryHeaders.originalOffset] ?? '',
      };
  const added: Record<string, string> = {
    [retryHeaders.attempt]: String(route.to === 'retry' ? route.nextAttempt : failed.attempt),
    [retryHeaders.originalTopic]: original.topic,
    [retryHeaders.originalPartition]: original.partition,
    [retryHeaders.originalOffset]: original.offset,
    [retryHeaders.notBefore]: String(route.to === 'retry' ? now + route.delayMs : now),
    [retryHeaders.errorClass]: failure.errorClass,
    [retryHeaders.errorMessage]: failure.message,
    [retryHeaders.consumerGroup]: consumerGroup,
    [retryHeaders.firstFailureAt]: String(
      (firstRetry ? undefined : integerHeader(headers, retryHeaders.firstFailureAt)) ?? now,
    ),
    [retryHeaders.lastFailureAt]: String(now),
  };
  if (failure.code !== undefined) added[retryHeaders.errorCode] = failure.code;
  if (failure.stack !== undefined) added[retryHeaders.errorStack] = failure.stack;
  return {
    topic: route.topic,
    key: failed.key,
    value: failed.value,
    headers: { ...carriedHeaders(headers), ...traceContextHeaders(), ...added },
  };
}

/** Anything that sends a record and resolves once Kafka acknowledged it with acks=all (BatchingProducer). */
export interface AcknowledgingProducer {
  send(record: OutgoingRecord): Promise<void>;
}

/** Sends a failed message to its next retry tier or the DLQ and resolves only once Kafka acknowledged it. */
export class RetryRouter {
  constructor(
    private readonly producer: AcknowledgingProducer,
    private readonly topics: ServiceTopics,
    private readonly now: () => number,
  ) {}

  async route(failed: FailedMessage): Promise<RoutedFailure> {
    const route = nextRoute(this.topics, failed.attempt, failed.permanent);
    const record = failureRecord(failed, route, this.topics.consumerGroup, this.now());
    // A rejection (Kafka down, ack timeout) propagates: the source offset stays unresolved and the message
    // is redelivered, so a failure is never dropped between the two topics.
    await this.producer.send(record);
    return { result: route.to === 'retry' ? 'retried' : 'dead_lettered', topic: route.topic };
  }
}
