import type { InletEvent } from '@inlet/schemas';
import type { HandlerLogger } from '@inlet/kafka-runtime';
import { excludedAssignments, type Queryable } from '@inlet/service-kit';
import { compareReports, reduceByKey, rowKey } from './event-order.js';
import { finiteOrNull } from './numbers.js';
import type { OnStale } from './types.js';

export type GradeEventType = 'grade.created' | 'grade.updated' | 'grade.deleted';

// What an event says of a grade besides its key (user_id, resource_link_id): the columns the INSERT and the
// UPDATE write.
const gradeColumns = `context_id, grade_id, score, max_score, grading_progress, comment, deleted, last_event_id,
  last_event_type, last_event_at`;

/**
 * One statement applies a run of grade events, so there is no read-then-write race between partitions or
 * replicas. A row becomes what an event describes only when the event is newer than the one the row reflects:
 * later occurredAt, or the same occurredAt and a greater eventId (byte-wise). That order is total, so the
 * final row is the same whatever order the events arrive in (retries and redeliveries reorder them), and
 * applying a run at once equals applying its events one by one: only the newest event of each grade in the
 * run is offered to the upsert (one statement may not update a row twice).
 * Nothing is merged from older events (not even a grade id the newest one leaves out): a merge would make the
 * row depend on which older events happened to arrive before the newest.
 */
const applyGradeEvents = `
INSERT INTO grades.gradebook AS stored (user_id, resource_link_id, ${gradeColumns})
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::numeric[], $6::numeric[], $7::text[],
  $8::text[], $9::boolean[], $10::text[], $11::text[], $12::timestamptz[])
ON CONFLICT (user_id, resource_link_id) DO UPDATE SET
  ${excludedAssignments(gradeColumns)},
  updated_at = now()
WHERE stored.last_event_at < excluded.last_event_at
   OR (stored.last_event_at = excluded.last_event_at AND stored.last_event_id < excluded.last_event_id)
RETURNING last_event_id`;

/**
 * grade.created and grade.updated write the grade (a missing score is stored as null: not graded yet);
 * grade.deleted leaves a tombstone (deleted, no score) under the same ordering, so an older update that
 * arrives after the deletion cannot bring the grade back, and a newer one can. Applied a run at a time.
 */
export async function applyGradeChanges(
  tx: Queryable,
  events: readonly GradeEvent[],
  { log, onStale }: { log: Pick<HandlerLogger, 'debug'>; onStale: OnStale },
): Promise<void> {
  // Every event is checked (gradeRow), not only the newest of each grade: one applied alone would be refused.
  const checked = events.map((event) => ({ event, row: gradeRow(event) }));
  const rows = reduceByKey(
    checked,
    ({ row }) => rowKey(row.userId, row.resourceLinkId),
    (held, next) => (compareReports(next.event, held.event) > 0 ? next : held),
  ).map(({ row }) => row);
  const column = <K extends keyof GradeRow>(key: K) => rows.map((row) => row[key]);
  const result = await tx.query<{ last_event_id: string }>(applyGradeEvents, [
    column('userId'),
    column('resourceLinkId'),
    column('contextId'),
    column('gradeId'),
    column('score'),
    column('maxScore'),
    column('gradingProgress'),
    column('comment'),
    column('deleted'),
    column('eventId'),
    column('type'),
    column('occurredAt'),
  ]);
  const applied = new Set(result.rows.map((row) => row.last_event_id));
  const stale = events.filter((event) => !applied.has(event.eventId));
  for (const event of stale) onStale(event.type);
  if (stale.length > 0) {
    log.debug(
      { eventIds: stale.map((event) => event.eventId) },
      'grade events older than the stored grade (or a newer one in the same run): ignored',
    );
  }
}

type GradeEvent = InletEvent<GradeEventType>;

interface GradeRow {
  userId: string;
  resourceLinkId: string;
  contextId: string | null;
  gradeId: string | null;
  score: number | null;
  maxScore: number | null;
  gradingProgress: string | null;
  comment: string | null;
  deleted: boolean;
  eventId: string;
  type: GradeEventType;
  occurredAt: Date;
}

function gradeRow(event: GradeEvent): GradeRow {
  const { data } = event;
  const deleted = event.type === 'grade.deleted';
  return {
    userId: data.userId,
    resourceLinkId: data.resourceLinkId,
    contextId: data.contextId,
    gradeId: data.gradeId,
    score: deleted ? null : finiteOrNull(data.score, 'data.score', event.eventId),
    maxScore: finiteOrNull(data.maxScore, 'data.maxScore', event.eventId),
    gradingProgress: data.gradingProgress,
    comment: data.comment,
    deleted,
    eventId: event.eventId,
    type: event.type,
    occurredAt: new Date(event.occurredAt),
  };
}
