import type { EventType, InletEvent } from '@inlet/schemas';
import type { PoolClient } from 'pg';

/**
 * The contract between the consumer runtime and a service. A service gives one handler per event type it
 * owns; the runtime gives each handler a PostgreSQL transaction in which the event id is already recorded as
 * processed, so the handler's effect and that record commit (or roll back) together.
 */
export interface HandlerContext {
  /** The open transaction; do every write of the effect through it. Never COMMIT or ROLLBACK it yourself. */
  tx: PoolClient;
  /** 1 on the first delivery from the main topic, 2 on the first retry, ... */
  attempt: number;
  /** Where the message was read from (a main or retry topic). */
  topic: string;
  partition: number;
  offset: string;
  /** The Kafka headers, as strings. */
  headers: Record<string, string>;
  log: HandlerLogger;
}

export interface HandlerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export type EventHandler<T extends EventType = EventType> = (
  event: InletEvent<T>,
  context: HandlerContext,
) => Promise<void>;

/** One handler per event type the service owns. A type without a handler is a permanent failure (DLQ). */
export type EventHandlers = { [T in EventType]?: EventHandler<T> };

/**
 * Thrown by a handler (or the runtime) for a failure that no retry can fix: the message goes straight to the
 * DLQ. Any other error is retried through the retry tiers, then dead-lettered.
 */
export class PermanentError extends Error {
  readonly code: string;
  readonly retryable = false;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentError';
    this.code = code;
  }
}

// The retry headers are part of the record contract, declared with the value schemas.
export { retryHeaders } from '@inlet/schemas';
