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

/** What a batch handler is given besides its events: the transaction, and where the events were read from. */
export interface BatchContext {
  /** The open transaction; do every write through it. Never COMMIT, ROLLBACK or RELEASE in it yourself. */
  tx: PoolClient;
  topic: string;
  partition: number;
  log: HandlerLogger;
}

/**
 * The batch form of a handler, for effects one set-based statement can apply for many events (an upsert of many
 * rows, counters added up): the runtime gives it each run of consecutive new events that share it, in offset
 * order. Applying a run must leave the same state as applying its events one by one in that order, since a run
 * that fails is applied again one event at a time (`applyMany([event])`) to find the event at fault.
 */
export interface BatchEventHandler<T extends EventType = EventType> {
  applyMany(events: readonly InletEvent<T>[], context: BatchContext): Promise<void>;
}

/** A handler in either form. */
export type AnyEventHandler<T extends EventType = EventType> = EventHandler<T> | BatchEventHandler<T>;

/**
 * One handler per event type the service owns. A type without a handler is a permanent failure (DLQ). Types
 * that share one BatchEventHandler object are applied together.
 */
export type EventHandlers = { [T in EventType]?: AnyEventHandler<T> };

export function isBatchHandler<T extends EventType>(
  handler: AnyEventHandler<T>,
): handler is BatchEventHandler<T> {
  return typeof handler === 'object' && typeof handler.applyMany === 'function';
}

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
