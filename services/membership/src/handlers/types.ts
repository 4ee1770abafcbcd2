import type { EventType, InletEvent } from '@inlet/schemas';
import type { Queryable } from '@inlet/service-kit';
import type { MembershipEventType } from '../roster/fold.js';

export type { MembershipEventType } from '../roster/fold.js';

/**
 * What a membership handler needs from the consumer runtime's HandlerContext: the open transaction (the
 * runtime has already recorded the event id in it) and a logger. The runtime's context has more; a handler
 * that asks for less can be given a plain pg client in a test.
 */
export interface MembershipHandlerContext {
  /** The open transaction; every write goes through it. Never COMMIT or ROLLBACK it here. */
  tx: Queryable;
  log: { debug(obj: object, msg?: string): void; info(obj: object, msg?: string): void };
}

export type MembershipHandler<T extends EventType> = (
  event: InletEvent<T>,
  context: MembershipHandlerContext,
) => Promise<void>;

export type MembershipHandlers = { [T in MembershipEventType]: MembershipHandler<T> };

/** Told about an event that arrived after a newer event of the same membership (it is still applied in place). */
export type OnOutOfOrder = (type: MembershipEventType) => void;

/** Told how many roles of an applied event no mapping knows (they were normalized to 'other'). */
export type OnUnknownRoles = (count: number) => void;
