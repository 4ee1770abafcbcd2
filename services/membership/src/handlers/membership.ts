import { PermanentError } from '@inlet/kafka-runtime';
import type { InletEvent } from '@inlet/schemas';
import { excludedAssignments, type Queryable, type ServiceHandler } from '@inlet/service-kit';
import { compareFacts, foldMembership, type Membership, type MembershipFact } from '../roster/fold.js';
import { maxIdLength } from '../roster/limits.js';
import { normalizeRole } from '../roster/roles.js';
import { refusedDataIsPermanent } from './data-errors.js';
import type { MembershipEventType, OnOutOfOrder, OnUnknownRoles } from './types.js';

// Two transactions may apply events of the same membership at once: the main consumer and the retry
// consumer run side by side, and both read the member's events to fold them. Each takes this lock first, so
// the second reads the first's event once it commits and neither write is lost. The key names the
// membership unambiguously (JSON, not a separator that could appear in an id); a hash collision only makes
// two memberships wait for each other.
const lockMembership = 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))';

// The runtime never gives the same event id twice (processed_events); DO NOTHING only makes a replay whose
// id was forgotten harmless.
const recordEvent = `
INSERT INTO membership.member_events (
  context_id, user_id, occurred_at, event_id, event_type, source, source_event_name, roles, status, order_id
) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT DO NOTHING`;

const readEvents = `
SELECT event_id, event_type, occurred_at, source, source_event_name, roles, status, order_id
  FROM membership.member_events
 WHERE context_id = $1 AND user_id = $2
 ORDER BY occurred_at, event_id`;

// What the fold decides of a member besides its key (context_id, user_id): the columns the INSERT and the
// UPDATE write.
const memberColumns = `roles, normalized_roles, status, sender_status, enrolled_at, removed_at, order_id, last_event_id,
  last_event_type, last_event_at, last_event_source`;

// The fold decides the row; the WHERE only skips writes (and updated_at) when nothing changed.
const writeMember = `
INSERT INTO membership.members AS stored (context_id, user_id, ${memberColumns})
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
ON CONFLICT (context_id, user_id) DO UPDATE SET
  ${excludedAssignments(memberColumns)},
  updated_at = now()
WHERE (stored.roles, stored.normalized_roles, stored.status, stored.sender_status, stored.enrolled_at,
       stored.removed_at, stored.order_id, stored.last_event_id)
      IS DISTINCT FROM
      (excluded.roles, excluded.normalized_roles, excluded.status, excluded.sender_status, excluded.enrolled_at,
       excluded.removed_at, excluded.order_id, excluded.last_event_id)`;

interface EventRow {
  event_id: string;
  event_type: MembershipEventType;
  occurred_at: Date;
  source: string;
  source_event_name: string | null;
  roles: string[];
  status: string | null;
  order_id: string | null;
}

export interface MembershipObservers {
  onOutOfOrder: OnOutOfOrder;
  onUnknownRoles: OnUnknownRoles;
}

/**
 * Applies any membership event: records it in the member's history, folds the whole history into the
 * member row (src/roster/fold.ts). An event that arrives late is therefore placed where its occurredAt
 * puts it: it never overwrites what a newer event said, yet still counts for what it alone says (an earlier
 * enrolment time, say).
 */
export function membershipHandler(observers: MembershipObservers): ServiceHandler<MembershipEventType> {
  return async (event, { tx, log }) => {
    const fact = toFact(event);
    const { contextId, userId } = event.data;
    const facts = await refusedDataIsPermanent(event.eventId, async () => {
      await tx.query(lockMembership, [JSON.stringify([contextId, userId])]);
      await tx.query(recordEvent, [
        contextId,
        userId,
        new Date(fact.occurredAt),
        fact.eventId,
        fact.type,
        fact.source,
        fact.sourceEventName,
        fact.roles,
        fact.status,
        fact.orderId,
      ]);
      const { rows } = await tx.query<EventRow>(readEvents, [contextId, userId]);
      return rows.map(fromRow);
    });
    const membership = foldMembership(facts);
    await refusedDataIsPermanent(event.eventId, () => writeMembership(tx, contextId, userId, membership));

    const unknown = fact.roles.filter((role) => normalizeRole(role) === 'other').length;
    if (unknown > 0) observers.onUnknownRoles(unknown);
    if (compareFacts(fact, membership.last) < 0) {
      observers.onOutOfOrder(fact.type);
      log.debug(
        { eventId: event.eventId, type: event.type, newerEventId: membership.last.eventId },
        'membership event older than one already applied: folded in at its place',
      );
    }
  };
}

async function writeMembership(
  tx: Queryable,
  contextId: string,
  userId: string,
  membership: Membership,
): Promise<void> {
  await tx.query(writeMember, [
    contextId,
    userId,
    membership.roles,
    membership.normalizedRoles,
    membership.status,
    membership.senderStatus,
    membership.enrolledAt === null ? null : new Date(membership.enrolledAt),
    membership.removedAt === null ? null : new Date(membership.removedAt),
    membership.orderId,
    membership.last.eventId,
    membership.last.type,
    new Date(membership.last.occurredAt),
    membership.last.source,
  ]);
}

/** What the event says, checked for what no retry can fix. */
function toFact(event: InletEvent<MembershipEventType>): MembershipFact {
  const { data } = event;
  for (const [field, id] of [
    ['contextId', data.contextId],
    ['userId', data.userId],
  ] as const) {
    if (id.length > maxIdLength) {
      throw new PermanentError(
        'INLET_MEMBERSHIP_EVENT_INVALID',
        `event ${event.eventId}: data.${field} is longer than ${maxIdLength} characters`,
      );
    }
  }
  const change = 'roles' in data ? data : undefined;
  return {
    eventId: event.eventId,
    type: event.type,
    occurredAt: event.occurredAt,
    source: event.source,
    sourceEventName: event.sourceEventName,
    roles: change?.roles ?? [],
    status: change?.status ?? null,
    orderId: 'orderId' in data ? data.orderId : null,
  };
}

function fromRow(row: EventRow): MembershipFact {
  return {
    eventId: row.event_id,
    type: row.event_type,
    occurredAt: row.occurred_at.getTime(),
    source: row.source,
    sourceEventName: row.source_event_name,
    roles: row.roles,
    status: row.status,
    orderId: row.order_id,
  };
}
