/** What happened to one message. */
export type MessageResult = 'processed' | 'skipped_duplicate' | 'retried' | 'dead_lettered';

export interface MessageOutcome {
  result: MessageResult;
  /** The failure that sent the message to a retry tier or the DLQ. */
  error?: unknown;
  /** The retry or DLQ topic the message was produced to. */
  destination?: string;
  /** When the ingress accepted the event (epoch ms), once it was decoded: for the end-to-end latency. */
  receivedAt?: number;
}

/** The message an interceptor wraps, as the runtime sees it before decoding. */
export interface ProcessedMessageInfo {
  topic: string;
  partition: number;
  offset: string;
  key: string | undefined;
  /** The Kafka headers, as strings. */
  headers: Record<string, string>;
  /** 1 on the main topic, 2 on the first retry, ... */
  attempt: number;
  /** From the `inlet-event-id` header until decoded, then from the event. */
  eventId?: string;
  eventType?: string;
  /** The service's consumer group (the main one, also for retry tiers). */
  consumerGroup: string;
  /**
   * Set by the runtime once the message's outcome is durable, before `run()` settles, so an interceptor can
   * report failures that were handled (retried, dead-lettered) and therefore do not reject `run()`.
   */
  outcome?: MessageOutcome;
}

/**
 * Wraps the processing of each message: decoding, the handler's transaction and, on failure, the produce to
 * a retry tier or the DLQ (so that produce runs in whatever context the interceptor set up, e.g. a span).
 * `run()` rejects only when the outcome could not be made durable (the message will be redelivered).
 */
export type ProcessInterceptor = <T>(message: ProcessedMessageInfo, run: () => Promise<T>) => Promise<T>;

export const passThroughInterceptor: ProcessInterceptor = (_message, run) => run();
