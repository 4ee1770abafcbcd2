import type { Queryable } from '@inlet/service-kit';
import type { Progress } from '../routes/schemas.js';

/**
 * Everything a learner completed or submitted, most recent first, optionally within one course. Each list is
 * served by its table's primary key, which starts with user_id.
 */
export async function readProgress(db: Queryable, userId: string, contextId?: string): Promise<Progress> {
  const params = [userId, contextId ?? null];
  const inContext = '($2::text IS NULL OR context_id = $2)';
  const [modules, assessments, courses] = await Promise.all([
    db.query<{ module_id: string; context_id: string | null; completed_at: Date }>(
      `SELECT module_id, context_id, completed_at FROM grades.module_completions
      WHERE user_id = $1 AND ${inContext} ORDER BY completed_at DESC, module_id`,
      params,
    ),
    db.query<{
      assessment_id: string;
      submission_id: string | null;
      context_id: string | null;
      score: number | null;
      max_score: number | null;
      attempt: number | null;
      submitted_at: Date;
    }>(
      `SELECT assessment_id, submission_id, context_id, score::float8 AS score, max_score::float8 AS max_score,
            attempt, submitted_at
       FROM grades.assessment_submissions
      WHERE user_id = $1 AND ${inContext} ORDER BY submitted_at DESC, assessment_id, submission_key`,
      params,
    ),
    db.query<{ context_id: string; completed_at: Date }>(
      `SELECT context_id, completed_at FROM grades.course_completions
      WHERE user_id = $1 AND ${inContext} ORDER BY completed_at DESC, context_id`,
      params,
    ),
  ]);
  return {
    userId,
    modules: modules.rows.map((row) => ({
      moduleId: row.module_id,
      contextId: row.context_id,
      completedAt: row.completed_at.toISOString(),
    })),
    assessments: assessments.rows.map((row) => ({
      assessmentId: row.assessment_id,
      submissionId: row.submission_id,
      contextId: row.context_id,
      score: row.score,
      maxScore: row.max_score,
      attempt: row.attempt,
      submittedAt: row.submitted_at.toISOString(),
    })),
    courses: courses.rows.map((row) => ({
      contextId: row.context_id,
      completedAt: row.completed_at.toISOString(),
    })),
  };
}
