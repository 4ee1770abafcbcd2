import { sameHandlerFor, type PerEventHandlers } from '@inlet/service-kit';
import { membershipHandler } from './membership.js';
import type { MembershipEventType, OnOutOfOrder, OnUnknownRoles } from './types.js';

export type { MembershipEventType } from './types.js';
// The name the tests still use for service-kit's TransactionContext.

export interface HandlerDependencies {
  /** Told about each event that arrived after a newer event of the same membership. */
  onOutOfOrder?: OnOutOfOrder;
  /** Told how many roles of each applied event were normalized to 'other'. */
  onUnknownRoles?: OnUnknownRoles;
}

/**
 * The handlers of inlet.membership.v1's event types (PerEventHandlers: each takes one event): all four are the same operation on the
 * membership the event names (src/handlers/membership.ts).
 */
export function createHandlers({
  onOutOfOrder = () => undefined,
  onUnknownRoles = () => undefined,
}: HandlerDependencies = {}): PerEventHandlers<MembershipEventType> {
  return sameHandlerFor(
    ['member.added', 'member.updated', 'member.removed', 'course.enrolled'],
    membershipHandler({ onOutOfOrder, onUnknownRoles }),
  );
}
