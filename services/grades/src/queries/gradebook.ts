import { keysetCursor, keysetPage, lastEventOf, type LastEventRow, type Queryable } from '@inlet/service-kit';
import type { Grade, GradePage } from '../routes/schemas.js';

/** Where a page of the gradebook ended: the last row's (last_event_at, resource_link_id). */
export const gradeCursor = keysetCursor({ lastEventAt: 'time', resourceLinkId: 'text' });
type GradeCursor = ReturnType<typeof gradeCursor.decode>;

interface GradeRow extends LastEventRow {
  user_id: string;
  resource_link_id: string;
  context_id: string | null;
  grade_id: string | null;
  score: number | null;
  max_score: number | null;
  percentage: number | null;
  grading_progress: string | null;
  comment: string | null;
  deleted: boolean;
}

// numeric comes back as text from pg; float8 comes back as a number, which is what JSON needs.
const gradeColumns = `
  user_id, resource_link_id, context_id, grade_id, score::float8 AS score, max_score::float8 AS max_score,
  percentage::float8 AS percentage, grading_progress, comment, deleted, last_event_id, last_event_type,
  last_event_at, updated_at`;

function toGrade(row: GradeRow): Grade {
  return {
    userId: row.user_id,
    resourceLinkId: row.resource_link_id,
    contextId: row.context_id,
    gradeId: row.grade_id,
    score: row.score,
    maxScore: row.max_score,
    percentage: row.percentage,
    gradingProgress: row.grading_progress,
    comment: row.comment,
    deleted: row.deleted,
    ...lastEventOf(row),
  };
}

export interface ListGradesQuery {
  userId: string;
  contextId?: string;
  includeDeleted: boolean;
  limit: number;
  after?: GradeCursor;
}

/**
 * A learner's grades, most recently changed first, one page at a time. Keyset pagination on
 * (last_event_at, resource_link_id) walks gradebook_user_(context_)recent_idx and stays stable while grades
 * change underneath (an offset would skip or repeat rows).
 */
export async function listGrades(db: Queryable, query: ListGradesQuery): Promise<GradePage> {
  const { rows } = await db.query<GradeRow>(
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
      query.after?.lastEventAt ?? null,
      query.after?.resourceLinkId ?? null,
      // One row more than asked tells whether another page exists.
      query.limit + 1,
    ],
  );
  return keysetPage(rows, query.limit, toGrade, (last) =>
    gradeCursor.encode({ lastEventAt: last.last_event_at, resourceLinkId: last.resource_link_id }),
  );
}

/** One grade, tombstone included; undefined when the pair was never graded. */
export async function findGrade(
  db: Queryable,
  userId: string,
  resourceLinkId: string,
): Promise<Grade | undefined> {
  const { rows } = await db.query<GradeRow>(
    `SELECT ${gradeColumns} FROM grades.gradebook WHERE user_id = $1 AND resource_link_id = $2`,
    [userId, resourceLinkId],
  );
  return rows[0] ? toGrade(rows[0]) : undefined;
}
