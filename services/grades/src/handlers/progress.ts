import type { AssessmentSubmission, InletEvent } from '@inlet/schemas';
import type { Queryable } from '@inlet/service-kit';
import { compareReports, reduceByKey, rowKey } from './event-order.js';
import { finiteOrNull } from './numbers.js';

// Progress records facts that happened once. A second report of the same fact (another sender, a webhook
// re-sent under a new id) is not an error. Each row holds ONE report's values, chosen by a total order on
// (occurredAt, eventId): nothing is merged field by field, because a merge would depend on which reports
// happened to arrive first. Redeliveries of the SAME event never get here (the runtime skips them).
//
// Each kind of report is written a run at a time, in one statement: the run is first reduced to one row per
// key (one statement may not update a row twice) with the same order the statement's WHERE applies, so a run
// written at once leaves what its reports written one by one would.

/** True in an ON CONFLICT update when the incoming report is earlier than the one the row holds. */
const incomingIsEarlier =
  '(excluded.completed_at, excluded.event_id) < (stored.completed_at, stored.event_id)';

// A completion is the earliest report of it: when it happened, and the course it names.
const recordModuleCompletions = `
INSERT INTO grades.module_completions AS stored (user_id, module_id, context_id, completed_at, event_id)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[])
ON CONFLICT (user_id, module_id) DO UPDATE SET
  context_id = excluded.context_id,
  completed_at = excluded.completed_at,
  event_id = excluded.event_id
WHERE ${incomingIsEarlier}`;

const recordCourseCompletions = `
INSERT INTO grades.course_completions AS stored (user_id, context_id, completed_at, event_id)
SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[])
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
const recordSubmissions = `
INSERT INTO grades.assessment_submissions AS stored (
  user_id, assessment_id, submission_key, submission_id, context_id, score, max_score, attempt, submitted_at,
  last_event_id, last_event_at
)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::numeric[],
  $8::integer[], $9::timestamptz[], $10::text[], $11::timestamptz[])
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

const earlier = <T extends InletEvent>(held: T, next: T): T => (compareReports(next, held) < 0 ? next : held);

export async function recordModulesCompleted(
  tx: Queryable,
  events: readonly InletEvent<'module.completed'>[],
): Promise<void> {
  const rows = reduceByKey(events, ({ data }) => rowKey(data.userId, data.moduleId), earlier);
  await tx.query(recordModuleCompletions, [
    rows.map(({ data }) => data.userId),
    rows.map(({ data }) => data.moduleId),
    rows.map(({ data }) => data.contextId),
    rows.map((event) => new Date(event.occurredAt)),
    rows.map((event) => event.eventId),
  ]);
}

export async function recordCoursesCompleted(
  tx: Queryable,
  events: readonly InletEvent<'course.completed'>[],
): Promise<void> {
  const rows = reduceByKey(events, ({ data }) => rowKey(data.userId, data.contextId), earlier);
  await tx.query(recordCourseCompletions, [
    rows.map(({ data }) => data.userId),
    rows.map(({ data }) => data.contextId),
    rows.map((event) => new Date(event.occurredAt)),
    rows.map((event) => event.eventId),
  ]);
}

/** The reports of one submission in a run: when it was first reported, and the newest report. */
interface SubmissionReports {
  key: string;
  firstAt: number;
  newest: InletEvent<'assessment.submitted'>;
}

export async function recordAssessmentsSubmitted(
  tx: Queryable,
  events: readonly InletEvent<'assessment.submitted'>[],
): Promise<void> {
  const reports = events.map((event): SubmissionReports => {
    // Every report is checked before anything is written: no retry makes a NaN score valid.
    finiteOrNull(event.data.score, 'data.score', event.eventId);
    finiteOrNull(event.data.maxScore, 'data.maxScore', event.eventId);
    return { key: submissionKey(event.data, event.eventId), firstAt: event.occurredAt, newest: event };
  });
  const rows = reduceByKey(
    reports,
    ({ newest: { data }, key }) => rowKey(data.userId, data.assessmentId, key),
    (held, next) => ({
      key: held.key,
      firstAt: Math.min(held.firstAt, next.firstAt),
      newest: compareReports(next.newest, held.newest) > 0 ? next.newest : held.newest,
    }),
  );
  await tx.query(recordSubmissions, [
    rows.map(({ newest }) => newest.data.userId),
    rows.map(({ newest }) => newest.data.assessmentId),
    rows.map(({ key }) => key),
    rows.map(({ newest }) => newest.data.submissionId),
    rows.map(({ newest }) => newest.data.contextId),
    rows.map(({ newest }) => newest.data.score),
    rows.map(({ newest }) => newest.data.maxScore),
    rows.map(({ newest }) => newest.data.attempt),
    rows.map(({ firstAt }) => new Date(firstAt)),
    rows.map(({ newest }) => newest.eventId),
    rows.map(({ newest }) => new Date(newest.occurredAt)),
  ]);
}
