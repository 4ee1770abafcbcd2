import { sameHandlerFor, type ServiceHandlers } from '@inlet/service-kit';
import { gradeChangeHandler } from './grades.js';
import { recordAssessmentSubmitted, recordCourseCompleted, recordModuleCompleted } from './progress.js';
import type { GradesEventType, OnStale } from './types.js';

export type { GradesEventType } from './types.js';

export interface HandlerDependencies {
  /** Told about each event that changed nothing because a newer one was already applied. */
  onStale?: OnStale;
}

/** The handlers of inlet.grades.v1's event types (ServiceHandlers). */
export function createHandlers({
  onStale = () => undefined,
}: HandlerDependencies = {}): ServiceHandlers<GradesEventType> {
  return {
    ...sameHandlerFor(['grade.created', 'grade.updated', 'grade.deleted'], gradeChangeHandler(onStale)),
    'assessment.submitted': recordAssessmentSubmitted,
    'module.completed': recordModuleCompleted,
    'course.completed': recordCourseCompleted,
  };
}
