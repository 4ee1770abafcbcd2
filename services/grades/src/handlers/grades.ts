import { excludedAssignments, type ServiceHandler } from '@inlet/service-kit';
import { finiteOrNull } from './numbers.js';
import type { OnStale } from './types.js';

type GradeEventType = 'grade.created' | 'grade.updated' | 'grade.deleted';

// What an event says of a grade besides its key (user_id, resource_link_id): the columns the INSERT and the
// UPDATE write.
const gradeColumns = `context_id, grade_id, score, max_score, grading_progress, comment, deleted, last_event_id,
  last_event_type, last_event_at`;

/**
 * One statement applies a grade event, so there is no read-then-write race between partitions or replicas.
 * The row becomes what the event describes only when the event is newer than the one the row reflects:
 * later occurredAt, or the same occurredAt and a greater eventId (byte-wise). That order is total, so the
 * final row is the same whatever order the events arrive in (retries and redeliveries reorder them).
 * Nothing is merged from older events (not even a grade id the newest one leaves out): a merge would make the
 * row depend on which older events happened to arrive before the newest.
 */
const applyGradeEvent = `
INSERT INTO grades.gradebook AS stored (user_id, resource_link_id, ${gradeColumns})
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
ON CONFLICT (user_id, resource_link_id) DO UPDATE SET
  ${excludedAssignments(gradeColumns)},
  updated_at = now()
WHERE stored.last_event_at < excluded.last_event_at
   OR (stored.last_event_at = excluded.last_event_at AND stored.last_event_id < excluded.last_event_id)`;

/**
 * grade.created and grade.updated write the grade (a missing score is stored as null: not graded yet);
 * grade.deleted leaves a tombstone (deleted, no score) under the same ordering, so an older update that
 * arrives after the deletion cannot bring the grade back, and a newer one can.
 */
export function gradeChangeHandler(onStale: OnStale): ServiceHandler<GradeEventType> {
  return async (event, { tx, log }) => {
    const { data } = event;
    const deleted = event.type === 'grade.deleted';
    const score = deleted ? null : finiteOrNull(data.score, 'data.score', event.eventId);
    const result = await tx.query(applyGradeEvent, [
      data.userId,
      data.resourceLinkId,
      data.contextId,
      data.gradeId,
      score,
      finiteOrNull(data.maxScore, 'data.maxScore', event.eventId),
      data.gradingProgress,
      data.comment,
      deleted,
      event.eventId,
      event.type,
      new Date(event.occurredAt),
    ]);
    if (result.rowCount === 0) {
      onStale(event.type);
      log.debug(
        { eventId: event.eventId, type: event.type },
        'grade event older than the stored grade: ignored',
      );
    }
  };
}
