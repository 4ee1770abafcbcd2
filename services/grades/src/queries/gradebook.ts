import type { Static } from 'typebox';
import { keysetCursor, keysetPage, lastEventColumns, selectList, type Queryable } from '@inlet/service-kit';
import type { Grade, GradePage, ListGradesQuery } from '../routes/schemas.js';

/** Where a page of the gradebook ended: the last row's (last_event_at, resource_link_id). */
export const gradeCursor = keysetCursor({ lastEventAt: 'time', resourceLinkId: 'text' });

// numeric comes back as text from pg; float8 comes back as a number, which is what JSON needs.
const gradeColumns = selectList<Grade>({
  userId: 'user_id',
  resourceLinkId: 'resource_link_id',
  contextId: 'context_id',
  gradeId: 'grade_id',
  score: 'score::float8',
  maxScore: 'max_score::float8',
  percentage: 'percentage::float8',
  gradingProgress: 'grading_progress',
  comment: 'comment',
  deleted: 'deleted',
  ...lastEventColumns(),
});

/**
 * A learner's grades, most recently changed first, one page at a time. Keyset pagination on
 * (last_event_at, resource_link_id) walks gradebook_user_(context_)recent_idx and stays stable while grades
 * change underneath (an offset would skip or repeat rows).
 */
export async function listGrades(db: Queryable, query: Static<typeof ListGradesQuery>): Promise<GradePage> {
  const after = gradeCursor.after(query.cursor);
  const { rows } = await db.query<Grade>(
    `SELECT ${gradeColumns}
       FROM grades.gradebook
      WHERE user_id = $1
        AND ($2::text IS NULL OR context_id = $2)
        AND ($3::boolean OR NOT deleted)
        AND ($4::timestamptz IS NULL OR (last_event_at, resource_link_id) < ($4, $5::text))
      ORDER BY last_event_at DESC, resource_link_id DESC
      LIMIT $6`,
    [
      query.userId,
      query.contextId ?? null,
      query.includeDeleted,
      after?.lastEventAt ?? null,
      after?.resourceLinkId ?? null,
      // One row more than asked tells whether another page exists.
      query.limit + 1,
    ],
  );
  return keysetPage(rows, query.limit, (last) => gradeCursor.encode(last));
}

/** One grade, tombstone included; undefined when the pair was never graded. */
export async function findGrade(
  db: Queryable,
  userId: string,
  resourceLinkId: string,
): Promise<Grade | undefined> {
  const { rows } = await db.query<Grade>(
    `SELECT ${gradeColumns} FROM grades.gradebook WHERE user_id = $1 AND resource_link_id = $2`,
    [userId, resourceLinkId],
  );
  return rows[0];
}
