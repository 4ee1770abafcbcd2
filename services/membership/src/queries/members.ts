import {
  jsonObject,
  jsonTime,
  keysetCursor,
  keysetPage,
  lastEventColumns,
  selectList,
  withDates,
  type Queryable,
  type SelectColumns,
  type WithEpochMs,
} from '@inlet/service-kit';
import type { Member, MemberEvent, MemberPage, MemberWithHistory } from '../routes/schemas.js';
import type { NormalizedRole } from '../roster/roles.js';
import type { MemberStatus } from '../roster/statuses.js';

/**
 * Where a page ended: the last row's key within the list (the user id in a roster, the course id in a user's
 * list).
 */
export const memberCursor = keysetCursor({ lastKey: 'text' });

const memberFields: SelectColumns<Member> = {
  contextId: 'context_id',
  userId: 'user_id',
  roles: 'roles',
  normalizedRoles: 'normalized_roles',
  status: 'status',
  senderStatus: 'sender_status',
  enrolledAt: 'enrolled_at',
  removedAt: 'removed_at',
  orderId: 'order_id',
  ...lastEventColumns(),
};
const memberColumns = selectList(memberFields);

/**
 * Which memberships a list shows: any of these statuses, and (when given) any of these roles. Not the route's
 * ListQuery: list-query.ts has already defaulted the statuses and decoded the cursor to the last key.
 */
export interface MemberFilter {
  statuses: readonly MemberStatus[];
  roles?: readonly NormalizedRole[] | undefined;
  limit: number;
  /** The key of the last row of the previous page; undefined for the first page. */
  after?: string | undefined;
}

/**
 * A course's roster, by user id (byte-wise), one page at a time. Keyset pagination walks the primary key
 * (context_id, user_id) and stays stable while members change underneath (an offset would skip or repeat).
 */
export function listRoster(db: Queryable, contextId: string, filter: MemberFilter): Promise<MemberPage> {
  return page(db, 'contextId', 'userId', contextId, filter);
}

/** A user's memberships, by course id (byte-wise), one page at a time, on members_user_context_idx. */
export function listUserContexts(db: Queryable, userId: string, filter: MemberFilter): Promise<MemberPage> {
  return page(db, 'userId', 'contextId', userId, filter);
}

async function page(
  db: Queryable,
  whose: 'contextId' | 'userId',
  key: 'userId' | 'contextId',
  id: string,
  filter: MemberFilter,
): Promise<MemberPage> {
  const { rows } = await db.query<Member>(
    `SELECT ${memberColumns}
       FROM membership.members
      WHERE ${memberFields[whose]} = $1
        AND status = ANY($2::text[])
        AND ($3::text[] IS NULL OR normalized_roles && $3::text[])
        AND ($4::text IS NULL OR ${memberFields[key]} > $4)
      ORDER BY ${memberFields[key]}
      LIMIT $5`,
    [
      id,
      filter.statuses,
      filter.roles ?? null,
      filter.after ?? null,
      // One row more than asked tells whether another page exists.
      filter.limit + 1,
    ],
  );
  return keysetPage(rows, filter.limit, (last) => memberCursor.encode({ lastKey: last[key] }));
}

/** A single member's answer shows this many of its newest events. */
export const historyLimit = 100;

const historyEvent = jsonObject<MemberEvent>({
  eventId: 'event_id',
  type: 'event_type',
  source: 'source',
  sourceEventName: 'source_event_name',
  occurredAt: jsonTime('occurred_at'),
  roles: 'roles',
  status: 'status',
  orderId: 'order_id',
});

/**
 * One membership (removed ones too) with its newest events; undefined when no event ever named it. One
 * statement, so one snapshot: two queries could read the membership after an event's commit and its history
 * before it, and answer a member whose history lacks the event that made it.
 */
export async function findMember(
  db: Queryable,
  contextId: string,
  userId: string,
): Promise<MemberWithHistory | undefined> {
  const result = await db.query<Member & { history: WithEpochMs<MemberEvent, 'occurredAt'>[] }>(
    `SELECT ${memberColumns},
            (SELECT coalesce(json_agg(${historyEvent} ORDER BY occurred_at DESC, event_id DESC), '[]'::json)
               FROM (SELECT * FROM membership.member_events e
                      WHERE e.context_id = m.context_id AND e.user_id = m.user_id
                      ORDER BY occurred_at DESC, event_id DESC
                      LIMIT $3) AS newest) AS history
       FROM membership.members m
      WHERE m.context_id = $1 AND m.user_id = $2`,
    [contextId, userId, historyLimit],
  );
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    ...row,
    history: row.history.map((event) => withDates(event, ['occurredAt'])),
  };
}
