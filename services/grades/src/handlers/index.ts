import type { InletEvent } from '@inlet/schemas';
import { sameHandlerFor, type ServiceBatchHandler, type ServiceHandlers } from '@inlet/service-kit';
import { applyGradeChanges, type GradeEventType } from './grades.js';
import { recordAssessmentsSubmitted, recordCoursesCompleted, recordModulesCompleted } from './progress.js';
import type { GradesEventType, OnStale } from './types.js';

export type { GradesEventType } from './types.js';

export interface HandlerDependencies {
  /** Told about each event that changed nothing because a newer one was already applied. */
  onStale?: OnStale;
}

const gradesEventTypes = [
  'grade.created',
  'grade.updated',
  'grade.deleted',
  'assessment.submitted',
  'module.completed',
  'course.completed',
] as const satisfies readonly GradesEventType[];

/**
 * The handlers of inlet.grades.v1's event types: ONE batch handler shared by every type, so the runtime gives
 * it each transaction's new events as one run. Each kind of event goes to its own table in one set-based
 * statement; the kinds touch disjoint rows, so applying them kind by kind leaves what applying the run in
 * offset order would.
 */
export function createHandlers({
  onStale = () => undefined,
}: HandlerDependencies = {}): ServiceHandlers<GradesEventType> {
  const handler: ServiceBatchHandler<GradesEventType> = {
    async applyMany(events, { tx, log }) {
      const { grades, modules, courses, submissions } = byKind(events);
      if (grades.length > 0) await applyGradeChanges(tx, grades, { log, onStale });
      if (modules.length > 0) await recordModulesCompleted(tx, modules);
      if (courses.length > 0) await recordCoursesCompleted(tx, courses);
      if (submissions.length > 0) await recordAssessmentsSubmitted(tx, submissions);
    },
  };
  return sameHandlerFor(gradesEventTypes, handler);
}

function byKind(events: readonly InletEvent<GradesEventType>[]) {
  const grades: InletEvent<GradeEventType>[] = [];
  const modules: InletEvent<'module.completed'>[] = [];
  const courses: InletEvent<'course.completed'>[] = [];
  const submissions: InletEvent<'assessment.submitted'>[] = [];
  for (const event of events) {
    if (isOfType(event, 'module.completed')) modules.push(event);
    else if (isOfType(event, 'course.completed')) courses.push(event);
    else if (isOfType(event, 'assessment.submitted')) submissions.push(event);
    else if (isOfType(event, 'grade.created', 'grade.updated', 'grade.deleted')) grades.push(event);
  }
  return { grades, modules, courses, submissions };
}

/** InletEvent<T> is not a union over T, so `event.type === ...` alone does not narrow it. */
function isOfType<T extends GradesEventType>(
  event: InletEvent<GradesEventType>,
  ...types: T[]
): event is InletEvent<T> {
  return (types as GradesEventType[]).includes(event.type);
}
