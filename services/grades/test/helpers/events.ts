import type {
  AssessmentSubmission,
  CourseCompletion,
  GradeChange,
  InletEvent,
  ModuleCompletion,
} from '@inlet/schemas';
import { secondsAfter, testEnvelope } from '@inlet/service-kit/testing';

/** An epoch-ms time `seconds` after a fixed instant, so tests read as "at 10", "at 20". */
export const at = secondsAfter('2026-11-23T12:00:00.000Z');

const envelope = testEnvelope({ source: 'test-lti', occurredAt: at(0) });

export function gradeEvent(
  type: 'grade.created' | 'grade.updated' | 'grade.deleted',
  data: Partial<GradeChange> & Pick<GradeChange, 'userId' | 'resourceLinkId'>,
  overrides: { eventId?: string; occurredAt?: number } = {},
): InletEvent<typeof type> {
  return envelope(
    type,
    {
      gradeId: null,
      contextId: 'course-1',
      score: null,
      maxScore: null,
      gradingProgress: null,
      comment: null,
      ...data,
    },
    overrides,
  );
}

export function submissionEvent(
  data: Partial<AssessmentSubmission> & Pick<AssessmentSubmission, 'userId' | 'assessmentId'>,
  overrides: { eventId?: string; occurredAt?: number } = {},
): InletEvent<'assessment.submitted'> {
  return envelope(
    'assessment.submitted',
    { contextId: 'course-1', submissionId: null, score: null, maxScore: null, attempt: null, ...data },
    overrides,
  );
}

export function moduleEvent(
  data: Partial<ModuleCompletion> & Pick<ModuleCompletion, 'userId' | 'moduleId'>,
  overrides: { eventId?: string; occurredAt?: number } = {},
): InletEvent<'module.completed'> {
  return envelope('module.completed', { contextId: 'course-1', ...data }, overrides);
}

export function courseEvent(
  data: CourseCompletion,
  overrides: { eventId?: string; occurredAt?: number } = {},
): InletEvent<'course.completed'> {
  return envelope('course.completed', data, overrides);
}
