import { selectList, type Queryable } from '@inlet/service-kit';
import type { AssessmentProgress, CourseProgress, ModuleProgress, Progress } from '../routes/schemas.js';

const moduleColumns = selectList<ModuleProgress>({
  moduleId: 'module_id',
  contextId: 'context_id',
  completedAt: 'completed_at',
});

// numeric comes back as text from pg; float8 comes back as a number, which is what JSON needs.
const assessmentColumns = selectList<AssessmentProgress>({
  assessmentId: 'assessment_id',
  submissionId: 'submission_id',
  contextId: 'context_id',
  score: 'score::float8',
  maxScore: 'max_score::float8',
  attempt: 'attempt',
  submittedAt: 'submitted_at',
});

const courseColumns = selectList<CourseProgress>({ contextId: 'context_id', completedAt: 'completed_at' });

/**
 * Everything a learner completed or submitted, most recent first, optionally within one course. Each list is
 * served by its table's primary key, which starts with user_id.
 */
export async function readProgress(db: Queryable, userId: string, contextId?: string): Promise<Progress> {
  const params = [userId, contextId ?? null];
  const inContext = '($2::text IS NULL OR context_id = $2)';
  const [modules, assessments, courses] = await Promise.all([
    db.query<ModuleProgress>(
      `SELECT ${moduleColumns} FROM grades.module_completions
      WHERE user_id = $1 AND ${inContext} ORDER BY completed_at DESC, module_id`,
      params,
    ),
    db.query<AssessmentProgress>(
      `SELECT ${assessmentColumns} FROM grades.assessment_submissions
      WHERE user_id = $1 AND ${inContext} ORDER BY submitted_at DESC, assessment_id, submission_key`,
      params,
    ),
    db.query<CourseProgress>(
      `SELECT ${courseColumns} FROM grades.course_completions
      WHERE user_id = $1 AND ${inContext} ORDER BY completed_at DESC, context_id`,
      params,
    ),
  ]);
  return { userId, modules: modules.rows, assessments: assessments.rows, courses: courses.rows };
}
