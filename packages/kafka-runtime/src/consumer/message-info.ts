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

/** A message as the runtime sees it before decoding; decoding adds its event id and type. */
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
  /** Set by the runtime once the message's outcome is durable, before its trace ends. */
  outcome?: MessageOutcome;
}

/**
 * Traces the messages the runtime processes. A message's trace starts when its batch is taken up and ends
 * once its outcome is durable (or is known not to be: then it is redelivered). `noTracing` does nothing.
 */
export interface MessageTracing {
  start(message: ProcessedMessageInfo): MessageTrace;
}

export interface MessageTrace {
  /** Runs `work` with the message's span active: decoding, and the produce to a retry tier or the DLQ. */
  inMessage<T>(work: () => Promise<T>): Promise<T>;
  /** Opens the message's database span, a child of its message span, for the batch transaction it is in. */
  openTransaction(table: string, batchEvents: number): void;
  /** Runs `work` in the database span (the message span before one is open): its statements nest there. */
  inTransaction<T>(work: () => Promise<T>): Promise<T>;
  closeTransaction(error?: unknown): void;
  /** Ends the message's span, with `message.outcome`, or with the error that left it without one. */
  end(error?: unknown): void;
}

const untraced: MessageTrace = {
  inMessage: (work) => work(),
  openTransaction: () => undefined,
  inTransaction: (work) => work(),
  closeTransaction: () => undefined,
  end: () => undefined,
};

export const noTracing: MessageTracing = { start: () => untraced };
