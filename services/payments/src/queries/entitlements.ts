import {
  jsonObject,
  jsonTime,
  keysetCursor,
  keysetPage,
  selectList,
  withDates,
  type Queryable,
  type WithEpochMs,
} from '@inlet/service-kit';
import type { Entitlement, EntitlementPage, EntitlementQuery, EntitlementSource } from '../routes/schemas.js';

/** Where a page of entitlements ended: the last course's key ('' for all courses). */
export const entitlementCursor = keysetCursor({ courseKey: 'text' });

/** A source's times come out of json as epoch milliseconds (jsonTime). */
type StoredSource = WithEpochMs<EntitlementSource, 'grantedAt' | 'validUntil'>;

const source = jsonObject<EntitlementSource>({
  kind: 'source_kind',
  id: 'source_id',
  grantedAt: jsonTime('granted_at'),
  validUntil: jsonTime('valid_until'),
});

const grantOrder = 'granted_at, source_kind, source_id';
// All courses (null) and a course named '' share the key '': the entitlement names the first grant's course.
const firstCourseId = `(array_agg(course_id ORDER BY ${grantOrder}))[1]`;

const entitlementColumns = selectList<Entitlement>({
  courseId: firstCourseId,
  allCourses: `${firstCourseId} IS NULL`,
  grantedAt: 'min(granted_at)',
  validUntil: 'CASE WHEN bool_or(valid_until IS NULL) THEN NULL ELSE max(valid_until) END',
  sources: `json_agg(${source} ORDER BY ${grantOrder})`,
});

/**
 * The user's entitlements valid now: their grants whose valid_until is unset or still ahead (a subscription
 * cancelled with a paid period left keeps its course until the period ends, with no job to revoke it),
 * grouped by course. A course stays while ANY of its sources is valid. Courses page by course id; the
 * all-courses entitlement (key '') comes first.
 */
export async function listEntitlements(
  db: Queryable,
  userId: string,
  { limit, cursor }: EntitlementQuery,
): Promise<EntitlementPage> {
  const after = entitlementCursor.after(cursor);
  const { rows } = await db.query<Omit<Entitlement, 'sources'> & { sources: StoredSource[] }>(
    `SELECT ${entitlementColumns}
       FROM (SELECT coalesce(course_id, '') COLLATE "C" AS course_key, course_id, source_kind, source_id,
                    granted_at, valid_until
               FROM payments.entitlement_grants
              WHERE user_id = $1 AND (valid_until IS NULL OR valid_until > now())) AS valid
      WHERE $2::text IS NULL OR course_key > $2
      GROUP BY course_key
      ORDER BY course_key
      LIMIT $3`,
    // One course more than asked tells whether another page exists.
    [userId, after?.courseKey ?? null, limit + 1],
  );
  const page = keysetPage(rows, limit, (last) =>
    entitlementCursor.encode({ courseKey: last.courseId ?? '' }),
  );
  return {
    userId,
    ...page,
    items: page.items.map((item) => ({
      ...item,
      sources: item.sources.map((source) => withDates(source, ['grantedAt', 'validUntil'])),
    })),
  };
}
