import { applyGradeChange } from './grades.js';
import { recordAssessmentSubmitted, recordCourseCompleted, recordModuleCompleted } from './progress.js';
import type { GradesHandlers, OnStale } from './types.js';

export type { GradesEventType, GradesHandlerContext, GradesHandlers } from './types.js';

export interface HandlerDependencies {
  /** Told about each event that changed nothing because a newer one was already applied. */
  onStale?: OnStale;
}

/**
 * One handler per event type of inlet.grades.v1. Each writes only through the transaction it is given (the
 * runtime's, in which the event id is already recorded), so its effect and that record commit together.
 */
export function createHandlers({ onStale = () => undefined }: HandlerDependencies = {}): GradesHandlers {
  return {
    'grade.created': (event, context) => applyGradeChange(event, context, onStale),
    'grade.updated': (event, context) => applyGradeChange(event, context, onStale),
    'grade.deleted': (event, context) => applyGradeChange(event, context, onStale),
    'assessment.submitted': recordAssessmentSubmitted,
    'module.completed': recordModuleCompleted,
    'course.completed': recordCourseCompleted,
  };
}
