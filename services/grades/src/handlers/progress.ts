import type { AssessmentSubmission, InletEvent } from '@inlet/schemas';
import type { TransactionContext } from '@inlet/service-kit';
import { finiteOrNull } from './numbers.js';

// Progress records facts that happened once. A second report of the same fact (another sender, a webhook
// re-sent under a new id) is not an error. Each row holds ONE report's values, chosen by a total order on
// (occurredAt, eventId): nothing is merged field by field, because a merge would depend on which reports
// happened to arrive first. Redeliveries of the SAME event never get here (the runtime skips them).

/** True in an ON CONFLICT update when the incoming report is earlier than the one the row holds. */
const incomingIsEarlier =
  '(excluded.completed_at, excluded.event_id) < (stored.completed_at, stored.event_id)';

// A completion is the earliest report of it: when it happened, and the course it names.
const recordModuleCompletion = `
INSERT INTO grades.module_completions AS stored (user_id, module_id, context_id, completed_at, event_id)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (user_id, module_id) DO UPDATE SET
  context_id = excluded.context_id,
  completed_at = excluded.completed_at,
  event_id = excluded.event_id
WHERE ${incomingIsEarlier}`;

const recordCourseCompletion = `
INSERT INTO grades.course_completions AS stored (user_id, context_id, completed_at, event_id)
VALUES ($1, $2, $3, $4)
ON CONFLICT (user_id, context_id) DO UPDATE SET
  completed_at = excluded.completed_at,
  event_id = excluded.event_id
WHERE ${incomingIsEarlier}`;

/** True in an ON CONFLICT update when the incoming report is newer than the one whose values the row holds. */
const incomingIsNewer =
  '(excluded.last_event_at, excluded.last_event_id) > (stored.last_event_at, stored.last_event_id)';

/** The column from the newest report: a submission reported again once graded shows its grade. */
const fromNewest = (column: string) =>
  `${column} = CASE WHEN ${incomingIsNewer} THEN excluded.${column} ELSE stored.${column} END`;

// A submission: submitted when it was first reported; its values (score, attempt, course) from the newest report.
const recordSubmission = `
INSERT INTO grades.assessment_submissions AS stored (
  user_id, assessment_id, submission_key, submission_id, context_id, score, max_score, attempt, submitted_at,
  last_event_id, last_event_at
) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9)
ON CONFLICT (user_id, assessment_id, submission_key) DO UPDATE SET
  submitted_at = LEAST(stored.submitted_at, excluded.submitted_at),
  -- submission_id is not updated: when present it is part of submission_key, so reports never disagree on it.
  ${fromNewest('context_id')},
  ${fromNewest('score')},
  ${fromNewest('max_score')},
  ${fromNewest('attempt')},
  ${fromNewest('last_event_id')},
  ${fromNewest('last_event_at')},
  updated_at = now()`;

/**
 * What makes two reports the same submission: the sender's submission id, else the attempt number, else
 * nothing (each report is a submission of its own, named by its event id).
 */
export function submissionKey(data: AssessmentSubmission, eventId: string): string {
  if (data.submissionId !== null) return `submission:${data.submissionId}`;
  if (data.attempt !== null) return `attempt:${data.attempt}`;
  return `event:${eventId}`;
}

export async function recordModuleCompleted(
  event: InletEvent<'module.completed'>,
  { tx }: TransactionContext,
): Promise<void> {
  const { data } = event;
  await tx.query(recordModuleCompletion, [
    data.userId,
    data.moduleId,
    data.contextId,
    new Date(event.occurredAt),
    event.eventId,
  ]);
}

export async function recordCourseCompleted(
  event: InletEvent<'course.completed'>,
  { tx }: TransactionContext,
): Promise<void> {
  const { data } = event;
  await tx.query(recordCourseCompletion, [
    data.userId,
    data.contextId,
    new Date(event.occurredAt),
    event.eventId,
  ]);
}

export async function recordAssessmentSubmitted(
  event: InletEvent<'assessment.submitted'>,
  { tx }: TransactionContext,
): Promise<void> {
  const { data, eventId } = event;
  await tx.query(recordSubmission, [
    data.userId,
    data.assessmentId,
    submissionKey(data, eventId),
    data.submissionId,
    data.contextId,
    finiteOrNull(data.score, 'data.score', eventId),
    finiteOrNull(data.maxScore, 'data.maxScore', eventId),
    data.attempt,
    new Date(event.occurredAt),
    eventId,
  ]);
}
