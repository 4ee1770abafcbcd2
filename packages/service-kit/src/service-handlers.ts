import type { HandlerLogger } from '@inlet/kafka-runtime';
import type { EventType, InletEvent } from '@inlet/schemas';
import type { Queryable } from './consumer-service/pool.js';

/**
 * What a service's handler needs from the consumer runtime's HandlerContext: the open transaction (the runtime
 * has already recorded the event id in it) and a logger. The runtime's context has more; a handler that asks
 * for less can be given a plain pg client in a test.
 */
export interface TransactionContext {
  /** The open transaction; every write goes through it. Never COMMIT or ROLLBACK it here. */
  tx: Queryable;
  log: Pick<HandlerLogger, 'debug' | 'info'>;
}

/** The handler of one event type, given the runtime's transaction. */
export type ServiceHandler<T extends EventType> = (
  event: InletEvent<T>,
  context: TransactionContext,
) => Promise<void>;

/**
 * The batch form of a handler (the runtime's BatchEventHandler), for effects that one set-based statement
 * applies to many events: given each run of consecutive new events that share it, in offset order. Applying a
 * run must leave the same state as applying its events one by one, since the runtime applies a failed run
 * again one event at a time to find the event at fault.
 */
export interface ServiceBatchHandler<T extends EventType> {
  applyMany(events: readonly InletEvent<T>[], context: TransactionContext): Promise<void>;
}

/**
 * One handler for each of the event types a service owns. Each writes only through the transaction it is given
 * (the runtime's, in which the event id is already recorded), so its effect and that record commit together.
 */
/** A ServiceHandlers map whose handlers all take one event at a time (they can be called directly). */
export type PerEventHandlers<Types extends EventType> = { [T in Types]: ServiceHandler<T> };

export type ServiceHandlers<Types extends EventType> = {
  [T in Types]: ServiceHandler<T> | ServiceBatchHandler<T>;
};

/**
 * One handler for several event types (a created, an updated and a deleted applied by one statement): the part
 * of a ServiceHandlers map that gives each of `types` the same `handler`. A batch handler shared this way gets
 * runs that mix those types.
 */
export function sameHandlerFor<
  const Types extends EventType,
  Handler extends ServiceHandler<Types> | ServiceBatchHandler<Types>,
>(types: readonly Types[], handler: Handler): Record<Types, Handler> {
  return Object.fromEntries(types.map((type) => [type, handler])) as Record<Types, Handler>;
}
