import { keysetCursor, keysetPage, lastEventOf, type LastEventRow, type Queryable } from '@inlet/service-kit';
import type { Member, MemberPage, MemberWithHistory } from '../routes/schemas.js';
import type { NormalizedRole } from '../roster/roles.js';
import type { MemberStatus } from '../roster/statuses.js';

/**
 * Where a page ended: the last row's key within the list (the user id in a roster, the course id in a user's
 * list).
 */
export const memberCursor = keysetCursor({ lastKey: 'text' });

interface MemberRow extends LastEventRow {
  context_id: string;
  user_id: string;
  roles: string[];
  normalized_roles: NormalizedRole[];
  status: MemberStatus;
  sender_status: string | null;
  enrolled_at: Date | null;
  removed_at: Date | null;
  order_id: string | null;
}

const memberColumns = `
  context_id, user_id, roles, normalized_roles, status, sender_status, enrolled_at, removed_at, order_id,
  last_event_id, last_event_type, last_event_at, updated_at`;

function toMember(row: MemberRow): Member {
  return {
    contextId: row.context_id,
    userId: row.user_id,
    roles: row.roles,
    normalizedRoles: row.normalized_roles,
    status: row.status,
    senderStatus: row.sender_status,
    enrolledAt: row.enrolled_at?.toISOString() ?? null,
    removedAt: row.removed_at?.toISOString() ?? null,
    orderId: row.order_id,
    ...lastEventOf(row),
  };
}

/** Which memberships a list shows: any of these statuses, and (when given) any of these roles. */
export interface MemberFilter {
  statuses: readonly MemberStatus[];
  roles?: readonly NormalizedRole[];
  limit: number;
  /** The key of the last row of the previous page. */
  after?: string;
}

/**
 * A course's roster, by user id (byte-wise), one page at a time. Keyset pagination walks the primary key
 * (context_id, user_id) and stays stable while members change underneath (an offset would skip or repeat).
 */
export function listRoster(db: Queryable, contextId: string, filter: MemberFilter): Promise<MemberPage> {
  return page(db, 'context_id', 'user_id', contextId, filter);
}

/** A user's memberships, by course id (byte-wise), one page at a time, on members_user_context_idx. */
export function listUserContexts(db: Queryable, userId: string, filter: MemberFilter): Promise<MemberPage> {
  return page(db, 'user_id', 'context_id', userId, filter);
}

async function page(
  db: Queryable,
  whose: 'context_id' | 'user_id',
  key: 'user_id' | 'context_id',
  id: string,
  filter: MemberFilter,
): Promise<MemberPage> {
  const { rows } = await db.query<MemberRow>(
    `SELECT ${memberColumns}
       FROM membership.members
      WHERE ${whose} = $1
        AND status = ANY($2::text[])
        AND ($3::text[] IS NULL OR normalized_roles && $3::text[])
        AND ($4::text IS NULL OR ${key} > $4)
      ORDER BY ${key}
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
  return keysetPage(rows, filter.limit, toMember, (last) => memberCursor.encode({ lastKey: last[key] }));
}

/** A single member's answer shows this many of its newest events. */
export const historyLimit = 100;

interface HistoryEventJson {
  event_id: string;
  event_type: string;
  source: string;
  source_event_name: string | null;
  occurred_at: string;
  roles: string[];
  status: string | null;
  order_id: string | null;
}

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
  const result = await db.query<MemberRow & { history: HistoryEventJson[] }>(
    `SELECT ${memberColumns},
            (SELECT coalesce(json_agg(newest), '[]'::json)
               FROM (SELECT event_id, event_type, source, source_event_name, occurred_at, roles, status, order_id
                       FROM membership.member_events e
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
    ...toMember(row),
    history: row.history.map((event) => ({
      eventId: event.event_id,
      type: event.event_type,
      source: event.source,
      sourceEventName: event.source_event_name,
      occurredAt: new Date(event.occurred_at).toISOString(),
      roles: event.roles,
      status: event.status,
      orderId: event.order_id,
    })),
  };
}
