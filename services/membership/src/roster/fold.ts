import { normalizeRoles, type NormalizedRole } from './roles.js';
import { normalizeStatus, type MemberStatus } from './statuses.js';

export type MembershipEventType = 'member.added' | 'member.removed' | 'member.updated' | 'course.enrolled';

/** What one applied event said about one membership (a row of membership.member_events). */
export interface MembershipFact {
  eventId: string;
  type: MembershipEventType;
  /** Epoch ms. */
  occurredAt: number;
  source: string;
  sourceEventName: string | null;
  /** As the sender gave them; empty when it named none. */
  roles: readonly string[];
  /** As the sender gave it. */
  status: string | null;
  orderId: string | null;
}

/** A membership as its events say it is now. */
export interface Membership {
  roles: string[];
  normalizedRoles: NormalizedRole[];
  status: MemberStatus;
  senderStatus: string | null;
  /** Epoch ms; null when all we know is a removal. */
  enrolledAt: number | null;
  removedAt: number | null;
  orderId: string | null;
  /** The newest event. */
  last: MembershipFact;
}

/** The role a paid enrollment (course.enrolled) grants: the commerce sender names none. */
export const enrolledRole = 'learner';

/**
 * The order of events: occurredAt, then eventId compared byte-wise (as PostgreSQL's COLLATE "C" does), so a
 * tie on time has one winner whatever the arrival order. Total: two facts are equal only when they are the
 * same event.
 */
export function compareFacts(a: MembershipFact, b: MembershipFact): number {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt < b.occurredAt ? -1 : 1;
  return Buffer.compare(Buffer.from(a.eventId, 'utf8'), Buffer.from(b.eventId, 'utf8'));
}

/**
 * Moodle's role_assigned (member.updated with one role id) adds a role: Moodle assigns each of a member's
 * roles in an event of its own, so replacing would keep only the last one.
 */
function grantsRoles(fact: MembershipFact): boolean {
  return (
    fact.type === 'member.updated' &&
    fact.sourceEventName?.replace(/^\\/, '') === 'core\\event\\role_assigned'
  );
}

interface State {
  /** undefined: no event has made this user a member or removed them yet. */
  status: MemberStatus | undefined;
  roles: string[];
  senderStatus: string | null;
  enrolledAt: number | null;
  removedAt: number | null;
  orderId: string | null;
}

/**
 * A membership from ALL its events, replayed in `compareFacts` order. Because the result depends only on
 * the set of events, never on the order they arrived in, an older event that arrives late is placed where it
 * belongs instead of overwriting a newer one, and every arrival order ends in the same membership.
 *
 * Per event:
 * - status: member.added makes the user a member with the status it states (active when it states none or a
 *   word we do not know); member.updated changes the status only when it states a known one; member.removed
 *   removes; course.enrolled makes the user an active member. A stated 'deleted' (or synonym) removes.
 * - enrolledAt is when the user last became a member (from no membership, or from removed); removedAt when
 *   they were last removed, cleared when they come back.
 * - roles: member.added/updated with roles replace them, Moodle's role_assigned adds its role, course.enrolled
 *   adds 'learner'; an event with no roles (Moodle's enrolment events) and member.removed leave them, so a
 *   removed member still shows what they were.
 * - orderId: the newest course.enrolled that names an order.
 */
export function foldMembership(facts: readonly MembershipFact[]): Membership {
  const ordered = [...facts].sort(compareFacts);
  const last = ordered.at(-1);
  if (!last) throw new TypeError('a membership needs at least one event');
  const state: State = {
    status: undefined,
    roles: [],
    senderStatus: null,
    enrolledAt: null,
    removedAt: null,
    orderId: null,
  };
  for (const fact of ordered) apply(state, fact);
  return {
    roles: state.roles,
    normalizedRoles: normalizeRoles(state.roles),
    // Unreachable fallback: every event type sets a status.
    status: state.status ?? 'active',
    senderStatus: state.senderStatus,
    enrolledAt: state.enrolledAt,
    removedAt: state.removedAt,
    orderId: state.orderId,
    last,
  };
}

function apply(state: State, fact: MembershipFact): void {
  if (fact.status !== null) state.senderStatus = fact.status;
  moveTo(state, targetStatus(state, fact), fact.occurredAt);

  if (fact.type === 'course.enrolled') {
    addRoles(state, [enrolledRole]);
    if (fact.orderId !== null) state.orderId = fact.orderId;
  } else if (fact.type !== 'member.removed' && fact.roles.length > 0) {
    if (grantsRoles(fact)) addRoles(state, fact.roles);
    else state.roles = [...new Set(fact.roles)];
  }
}

function targetStatus(state: State, fact: MembershipFact): MemberStatus {
  const stated = fact.status === null ? undefined : normalizeStatus(fact.status);
  switch (fact.type) {
    case 'member.added':
      return stated ?? 'active';
    case 'member.updated':
      // Told nothing new: stays as it is (a role given to a removed member does not bring them back).
      return stated ?? state.status ?? 'active';
    case 'member.removed':
      return 'removed';
    case 'course.enrolled':
      return 'active';
  }
}

function moveTo(state: State, status: MemberStatus, at: number): void {
  const wasMember = state.status !== undefined && state.status !== 'removed';
  if (status === 'removed') {
    // A second removal report keeps the first one's time.
    if (state.status !== 'removed') state.removedAt = at;
  } else if (!wasMember) {
    state.enrolledAt = at;
    state.removedAt = null;
  }
  state.status = status;
}

function addRoles(state: State, roles: readonly string[]): void {
  for (const role of roles) if (!state.roles.includes(role)) state.roles.push(role);
}
