import type { EventType, InletEvent } from '@inlet/schemas';
import type { Queryable } from '@inlet/service-kit';

/**
 * What a media handler needs from the consumer runtime's HandlerContext: the open transaction (the runtime
 * has already recorded the event id in it) and a logger. The runtime's context has more; a handler that asks
 * for less can be given a plain pg client in a test.
 */
export interface MediaHandlerContext {
  /** The open transaction; every write goes through it. Never COMMIT or ROLLBACK it here. */
  tx: Queryable;
  log: { debug(obj: object, msg?: string): void; info(obj: object, msg?: string): void };
}

/** The event types of inlet.media.v1, each of which this service handles. */
export type MediaEventType = 'video.upload.completed' | 'transcription.completed';

export type MediaHandler<T extends EventType> = (
  event: InletEvent<T>,
  context: MediaHandlerContext,
) => Promise<void>;

export type MediaHandlers = { [T in MediaEventType]: MediaHandler<T> };

/** Counts an event that changed nothing because the stored row is newer (out-of-order arrival). */
export type OnStale = (type: MediaEventType) => void;
