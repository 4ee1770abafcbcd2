import { keysetCursor, keysetPage, type Queryable } from '@inlet/service-kit';
import type { Entitlement, EntitlementPage } from '../routes/schemas.js';

/** Where a page of entitlements ended: the last course's key ('' for all courses). */
export const entitlementCursor = keysetCursor({ courseKey: 'text' });

interface GrantRow {
  course_key: string;
  course_id: string | null;
  source_kind: 'payment' | 'subscription';
  source_id: string;
  granted_at: Date;
  valid_until: Date | null;
}

function toEntitlement(grants: GrantRow[]): Entitlement {
  const first = grants[0]!;
  const sources = grants.map((grant) => ({
    kind: grant.source_kind,
    id: grant.source_id,
    grantedAt: grant.granted_at.toISOString(),
    validUntil: grant.valid_until?.toISOString() ?? null,
  }));
  const ends = grants.map((grant) => grant.valid_until);
  return {
    courseId: first.course_id,
    allCourses: first.course_id === null,
    grantedAt: new Date(Math.min(...grants.map((grant) => grant.granted_at.getTime()))).toISOString(),
    validUntil: ends.some((end) => end === null)
      ? null
      : new Date(Math.max(...ends.map((end) => end!.getTime()))).toISOString(),
    sources,
  };
}

/**
 * The user's entitlements valid now: their grants whose valid_until is unset or still ahead (a subscription
 * cancelled with a paid period left keeps its course until the period ends, with no job to revoke it),
 * grouped by course. A course stays while ANY of its sources is valid. Courses page by course id; the
 * all-courses entitlement (key '') comes first.
 */
export async function listEntitlements(
  db: Queryable,
  userId: string,
  { limit, cursor }: { limit: number; cursor?: string },
): Promise<EntitlementPage> {
  const after = cursor === undefined ? undefined : entitlementCursor.decode(cursor);
  const { rows } = await db.query<GrantRow>(
    `WITH valid AS (
       SELECT coalesce(course_id, '') COLLATE "C" AS course_key, course_id, source_kind, source_id, granted_at, valid_until
         FROM payments.entitlement_grants
        WHERE user_id = $1 AND (valid_until IS NULL OR valid_until > now())
     ), page AS (
       SELECT DISTINCT course_key FROM valid
        WHERE $2::text IS NULL OR course_key > $2
        ORDER BY course_key
        LIMIT $3
     )
     SELECT valid.* FROM valid JOIN page USING (course_key)
      ORDER BY course_key, granted_at, source_kind, source_id`,
    // One course more than asked tells whether another page exists.
    [userId, after?.courseKey ?? null, limit + 1],
  );
  const byCourse = new Map<string, GrantRow[]>();
  for (const row of rows) byCourse.set(row.course_key, [...(byCourse.get(row.course_key) ?? []), row]);
  return {
    userId,
    ...keysetPage(
      [...byCourse.keys()],
      limit,
      (courseKey) => toEntitlement(byCourse.get(courseKey)!),
      (courseKey) => entitlementCursor.encode({ courseKey }),
    ),
  };
}
