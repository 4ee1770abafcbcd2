import type { EventType, InletEvent } from '@inlet/schemas';
import type { Queryable } from '@inlet/service-kit';

/**
 * What a content handler needs from the consumer runtime's HandlerContext: the open transaction (the runtime
 * has already recorded the event id in it) and a logger. The runtime's context has more; a handler that asks
 * for less can be given a plain pg client in a test.
 */
export interface ContentHandlerContext {
  /** The open transaction; every write goes through it. Never COMMIT or ROLLBACK it here. */
  tx: Queryable;
  log: { debug(obj: object, msg?: string): void; info(obj: object, msg?: string): void };
}

/** The event types of inlet.content.v1, each of which this service handles. */
export type ContentEventType =
  'content.created' | 'content.updated' | 'content.deleted' | 'deep_link.created' | 'user.behavior';

export type ContentHandler<T extends EventType> = (
  event: InletEvent<T>,
  context: ContentHandlerContext,
) => Promise<void>;

export type ContentHandlers = { [T in ContentEventType]: ContentHandler<T> };

/** Counts an event that changed nothing because the stored row already reflects a report that wins over it. */
export type OnStale = (type: ContentEventType) => void;
