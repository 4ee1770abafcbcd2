import type pg from 'pg';
import type { EventDataByType, InletEvent } from '@inlet/schemas';
import {
  combine,
  compareState,
  isLater,
  readState,
  winnerPerKey,
  type EffectCheck,
} from './consumer-effects.js';

type GradeData = EventDataByType['grade.updated'];
type SubmissionData = EventDataByType['assessment.submitted'];

const isEarlier = (candidate: InletEvent, kept: InletEvent) => isLater(kept, candidate);

/**
 * The grades service's tables against what the produced events make of them (services/grades/src/handlers):
 * a gradebook row per (learner, resource) reflecting the newest event, a tombstone for a deletion; the earliest
 * report of each completion; each submission with the values of its newest report. These effects are
 * idempotent, so an event applied twice leaves no trace here (the processed-events check catches that); what
 * this proves is that every effect landed and is the right one.
 */
export async function checkGradesEffects(pool: pg.Pool, events: InletEvent[]): Promise<EffectCheck> {
  const ofTypes = (...types: string[]) => events.filter((event) => types.includes(event.type));

  const grades = winnerPerKey(
    ofTypes('grade.created', 'grade.updated', 'grade.deleted'),
    (event) => gradeKey(event.data as GradeData),
    isLater,
  );
  const gradebook = compareState(
    'grades.gradebook',
    new Map(
      [...grades].map(([key, event]) => {
        const data = event.data as GradeData;
        const deleted = event.type === 'grade.deleted';
        return [key, gradeState(event.eventId, deleted, deleted ? null : data.score)];
      }),
    ),
    await readState<{
      user_id: string;
      resource_link_id: string;
      last_event_id: string;
      deleted: boolean;
      score: string | null;
    }>(
      pool,
      'SELECT user_id, resource_link_id, last_event_id, deleted, score FROM grades.gradebook',
      (row) => [
        `${row.user_id}/${row.resource_link_id}`,
        gradeState(row.last_event_id, row.deleted, row.score === null ? null : Number(row.score)),
      ],
    ),
  );

  const firstReport = (type: string, keyOf: (data: Record<string, string | null>) => string) =>
    new Map(
      [...winnerPerKey(ofTypes(type), (event) => keyOf(event.data as never), isEarlier)].map(
        ([key, event]) => [key, event.eventId],
      ),
    );
  const modules = compareState(
    'grades.module_completions',
    firstReport('module.completed', (data) => `${data.userId}/${data.moduleId}`),
    await readState<{ user_id: string; module_id: string; event_id: string }>(
      pool,
      'SELECT user_id, module_id, event_id FROM grades.module_completions',
      (row) => [`${row.user_id}/${row.module_id}`, row.event_id],
    ),
  );
  const coursesCompleted = compareState(
    'grades.course_completions',
    firstReport('course.completed', (data) => `${data.userId}/${data.contextId}`),
    await readState<{ user_id: string; context_id: string; event_id: string }>(
      pool,
      'SELECT user_id, context_id, event_id FROM grades.course_completions',
      (row) => [`${row.user_id}/${row.context_id}`, row.event_id],
    ),
  );

  const submissions = winnerPerKey(
    ofTypes('assessment.submitted'),
    (event) => {
      const data = event.data as SubmissionData;
      return `${data.userId}/${data.assessmentId}/${submissionKey(data, event.eventId)}`;
    },
    isLater,
  );
  const submitted = compareState(
    'grades.assessment_submissions',
    new Map([...submissions].map(([key, event]) => [key, event.eventId])),
    await readState<{
      user_id: string;
      assessment_id: string;
      submission_key: string;
      last_event_id: string;
    }>(
      pool,
      'SELECT user_id, assessment_id, submission_key, last_event_id FROM grades.assessment_submissions',
      (row) => [`${row.user_id}/${row.assessment_id}/${row.submission_key}`, row.last_event_id],
    ),
  );
  return combine([gradebook, modules, coursesCompleted, submitted]);
}

function gradeKey(data: GradeData): string {
  return `${data.userId}/${data.resourceLinkId}`;
}

function gradeState(eventId: string, deleted: boolean, score: number | null): string {
  return `${eventId} deleted=${deleted} score=${score ?? 'null'}`;
}

/** As services/grades/src/handlers/progress.ts names a submission: the sender's id, else the attempt, else the event. */
function submissionKey(data: SubmissionData, eventId: string): string {
  if (data.submissionId !== null) return `submission:${data.submissionId}`;
  if (data.attempt !== null) return `attempt:${data.attempt}`;
  return `event:${eventId}`;
}
