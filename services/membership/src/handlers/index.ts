import { applyMembershipEvent } from './membership.js';
import type { MembershipHandlers, OnOutOfOrder, OnUnknownRoles } from './types.js';

export type { MembershipEventType, MembershipHandlerContext, MembershipHandlers } from './types.js';

export interface HandlerDependencies {
  /** Told about each event that arrived after a newer event of the same membership. */
  onOutOfOrder?: OnOutOfOrder;
  /** Told how many roles of each applied event were normalized to 'other'. */
  onUnknownRoles?: OnUnknownRoles;
}

/**
 * One handler per event type of inlet.membership.v1. All four are the same operation on the membership the
 * event names (src/handlers/membership.ts): each writes only through the transaction it is given (the
 * runtime's, in which the event id is already recorded), so its effect and that record commit together.
 */
export function createHandlers({
  onOutOfOrder = () => undefined,
  onUnknownRoles = () => undefined,
}: HandlerDependencies = {}): MembershipHandlers {
  const observers = { onOutOfOrder, onUnknownRoles };
  return {
    'member.added': (event, context) => applyMembershipEvent(event, context, observers),
    'member.updated': (event, context) => applyMembershipEvent(event, context, observers),
    'member.removed': (event, context) => applyMembershipEvent(event, context, observers),
    'course.enrolled': (event, context) => applyMembershipEvent(event, context, observers),
  };
}
