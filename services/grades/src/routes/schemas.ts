import { Type, type Static } from 'typebox';
import { IdText, Nullable, Page, Timestamp, lastEventFields, pageQueryFields } from '@inlet/service-kit';

// The read API's contract. Fastify validates requests and serializes answers with these schemas, so a field not
// listed here never leaves the service; the answers' TypeScript types are derived from them.
// Every answer field is always present (null when unknown): clients never test for a missing key.

export const maxPageSize = 200;

export const Grade = Type.Object({
  userId: Type.String(),
  resourceLinkId: Type.String(),
  contextId: Nullable(Type.String()),
  gradeId: Nullable(Type.String()),
  score: Nullable(Type.Number()),
  maxScore: Nullable(Type.Number()),
  /** score / maxScore × 100, rounded to 4 decimals; null unless both are known and maxScore > 0. */
  percentage: Nullable(Type.Number()),
  gradingProgress: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  /** A tombstone: grade.deleted was the newest event. */
  deleted: Type.Boolean(),
  ...lastEventFields,
});
export type Grade = Static<typeof Grade>;

export const GradePage = Page(Grade);
export type GradePage = Static<typeof GradePage>;

export const ListGradesQuery = Type.Object({
  userId: IdText(),
  contextId: Type.Optional(IdText()),
  includeDeleted: Type.Boolean({ default: false }),
  ...pageQueryFields(maxPageSize, 50),
});

export const GradeParams = Type.Object({ userId: IdText(), resourceLinkId: IdText() });

export const ModuleProgress = Type.Object({
  moduleId: Type.String(),
  contextId: Nullable(Type.String()),
  completedAt: Timestamp,
});
export type ModuleProgress = Static<typeof ModuleProgress>;

export const AssessmentProgress = Type.Object({
  assessmentId: Type.String(),
  submissionId: Nullable(Type.String()),
  contextId: Nullable(Type.String()),
  score: Nullable(Type.Number()),
  maxScore: Nullable(Type.Number()),
  attempt: Nullable(Type.Integer()),
  submittedAt: Timestamp,
});
export type AssessmentProgress = Static<typeof AssessmentProgress>;

export const CourseProgress = Type.Object({ contextId: Type.String(), completedAt: Timestamp });
export type CourseProgress = Static<typeof CourseProgress>;

export const Progress = Type.Object({
  userId: Type.String(),
  modules: Type.Array(ModuleProgress),
  assessments: Type.Array(AssessmentProgress),
  courses: Type.Array(CourseProgress),
});
export type Progress = Static<typeof Progress>;
