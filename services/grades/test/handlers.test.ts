import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { permutations } from '@inlet/test-harness';
import { PermanentError } from '@inlet/kafka-runtime';
import { itHandlesEveryEventTypeOf, useMigratedDatabase } from '@inlet/service-kit/testing';
import { createHandlers } from '../src/handlers/index.js';
import { grades } from '../src/service.js';
import { eventApplier } from './helpers/apply.js';
import { at, gradeEvent } from './helpers/events.js';

// Handlers against a real PostgreSQL transaction, applied the way the consumer runtime applies them.
describe('grades handlers', () => {
  const store = useMigratedDatabase(grades, eventApplier);
  const apply = store.apply;

  const newUser = () => `user-${randomUUID()}`;
  const gradeRow = async (userId: string, resourceLinkId = 'link-1') => {
    const { rows } = await store.db.pool.query(
      `SELECT context_id, grade_id, score::float8 AS score, max_score::float8 AS max_score,
              percentage::float8 AS percentage, grading_progress, comment, deleted, last_event_id,
              last_event_type, last_event_at
         FROM grades.gradebook WHERE user_id = $1 AND resource_link_id = $2`,
      [userId, resourceLinkId],
    );
    return rows[0] as Record<string, unknown> | undefined;
  };

  itHandlesEveryEventTypeOf('grades', () => createHandlers());

  describe('gradebook', () => {
    it('grade.created inserts the grade with its percentage, grade.updated replaces it', async () => {
      const userId = newUser();
      await apply(
        gradeEvent(
          'grade.created',
          {
            userId,
            resourceLinkId: 'link-1',
            gradeId: 'g-1',
            score: 17,
            maxScore: 20,
            gradingProgress: 'FullyGraded',
          },
          { occurredAt: at(10) },
        ),
      );
      expect(await gradeRow(userId)).toMatchObject({
        context_id: 'course-1',
        grade_id: 'g-1',
        score: 17,
        max_score: 20,
        percentage: 85,
        grading_progress: 'FullyGraded',
        deleted: false,
        last_event_type: 'grade.created',
        last_event_at: new Date(at(10)),
      });

      const update = gradeEvent(
        'grade.updated',
        { userId, resourceLinkId: 'link-1', score: 19.5, maxScore: 20, comment: 'well done' },
        { occurredAt: at(20) },
      );
      await apply(update);
      expect(await gradeRow(userId)).toMatchObject({
        score: 19.5,
        percentage: 97.5,
        comment: 'well done',
        // The row is the newest event's data: nothing is merged from older ones.
        grade_id: null,
        grading_progress: null,
        last_event_id: update.eventId,
        last_event_type: 'grade.updated',
      });
    });

    it('a grade without a score (not graded yet) is stored with score and percentage null', async () => {
      const userId = newUser();
      await apply(
        gradeEvent('grade.created', {
          userId,
          resourceLinkId: 'link-1',
          maxScore: 10,
          gradingProgress: 'Pending',
        }),
      );
      expect(await gradeRow(userId)).toMatchObject({ score: null, max_score: 10, percentage: null });
    });

    it('percentage is null when max score is unknown or zero, and rounded to 4 decimals otherwise', async () => {
      const userId = newUser();
      await apply(
        gradeEvent('grade.created', { userId, resourceLinkId: 'no-max', score: 5 }),
        gradeEvent('grade.created', { userId, resourceLinkId: 'zero-max', score: 5, maxScore: 0 }),
        gradeEvent('grade.created', { userId, resourceLinkId: 'thirds', score: 1, maxScore: 3 }),
      );
      expect((await gradeRow(userId, 'no-max'))?.percentage).toBeNull();
      expect((await gradeRow(userId, 'zero-max'))?.percentage).toBeNull();
      expect((await gradeRow(userId, 'thirds'))?.percentage).toBe(33.3333);
    });

    it('an older event applied after a newer one changes nothing', async () => {
      const userId = newUser();
      const newer = gradeEvent(
        'grade.updated',
        { userId, resourceLinkId: 'link-1', score: 90, maxScore: 100 },
        { occurredAt: at(20) },
      );
      const older = gradeEvent(
        'grade.updated',
        { userId, resourceLinkId: 'link-1', score: 40, maxScore: 100 },
        { occurredAt: at(10) },
      );
      await apply(newer);
      const before = await gradeRow(userId);
      const staleBefore = store.applier.stale.length;

      await apply(older);

      expect(await gradeRow(userId)).toEqual(before);
      expect(store.applier.stale.slice(staleBefore)).toEqual(['grade.updated']);
    });

    it('events with the same occurredAt: the greater eventId wins, whatever the arrival order', async () => {
      const [a, b] = [newUser(), newUser()];
      const low = { eventId: '00000000-0000-4000-8000-000000000001', occurredAt: at(10) };
      const high = { eventId: '00000000-0000-4000-8000-000000000002', occurredAt: at(10) };
      await apply(
        gradeEvent('grade.updated', { userId: a, resourceLinkId: 'link-1', score: 1 }, low),
        gradeEvent('grade.updated', { userId: a, resourceLinkId: 'link-1', score: 2 }, high),
        gradeEvent('grade.updated', { userId: b, resourceLinkId: 'link-1', score: 2 }, high),
        gradeEvent('grade.updated', { userId: b, resourceLinkId: 'link-1', score: 1 }, low),
      );
      expect((await gradeRow(a))?.score).toBe(2);
      expect((await gradeRow(b))?.score).toBe(2);
    });

    it('grade.deleted leaves a tombstone: deleted, no score, no percentage', async () => {
      const userId = newUser();
      await apply(
        gradeEvent(
          'grade.created',
          { userId, resourceLinkId: 'link-1', score: 8, maxScore: 10 },
          { occurredAt: at(10) },
        ),
        gradeEvent(
          'grade.deleted',
          { userId, resourceLinkId: 'link-1', score: 8, maxScore: 10 },
          { occurredAt: at(20) },
        ),
      );
      expect(await gradeRow(userId)).toMatchObject({
        deleted: true,
        score: null,
        percentage: null,
        last_event_type: 'grade.deleted',
        last_event_at: new Date(at(20)),
      });
    });

    it('an older update after a delete does not bring the grade back; a newer one does', async () => {
      const userId = newUser();
      await apply(
        gradeEvent(
          'grade.created',
          { userId, resourceLinkId: 'link-1', score: 8, maxScore: 10 },
          { occurredAt: at(10) },
        ),
        gradeEvent('grade.deleted', { userId, resourceLinkId: 'link-1' }, { occurredAt: at(30) }),
        gradeEvent(
          'grade.updated',
          { userId, resourceLinkId: 'link-1', score: 9, maxScore: 10 },
          { occurredAt: at(20) },
        ),
      );
      expect(await gradeRow(userId)).toMatchObject({ deleted: true, score: null });

      await apply(
        gradeEvent(
          'grade.updated',
          { userId, resourceLinkId: 'link-1', score: 7, maxScore: 10 },
          { occurredAt: at(40) },
        ),
      );
      expect(await gradeRow(userId)).toMatchObject({ deleted: false, score: 7, percentage: 70 });
    });

    it('a delete that arrives before the grade it deletes still wins over it', async () => {
      const userId = newUser();
      await apply(
        gradeEvent('grade.deleted', { userId, resourceLinkId: 'link-1' }, { occurredAt: at(20) }),
        gradeEvent(
          'grade.created',
          { userId, resourceLinkId: 'link-1', score: 5, maxScore: 10 },
          { occurredAt: at(10) },
        ),
      );
      expect(await gradeRow(userId)).toMatchObject({ deleted: true, score: null });
    });

    it('every arrival order of the same events ends in the same row', async () => {
      const events = (userId: string) => [
        gradeEvent(
          'grade.created',
          { userId, resourceLinkId: 'link-1', score: 5, maxScore: 10, gradeId: 'g' },
          { eventId: 'e-1', occurredAt: at(10) },
        ),
        gradeEvent(
          'grade.updated',
          { userId, resourceLinkId: 'link-1', score: 6, maxScore: 10 },
          { eventId: 'e-2', occurredAt: at(20) },
        ),
        gradeEvent(
          'grade.deleted',
          { userId, resourceLinkId: 'link-1' },
          { eventId: 'e-3', occurredAt: at(20) },
        ),
        gradeEvent(
          'grade.updated',
          { userId, resourceLinkId: 'link-1', score: 4, maxScore: 10 },
          { eventId: 'e-4', occurredAt: at(15) },
        ),
      ];
      const outcomes = new Set<string>();
      for (const order of permutations([0, 1, 2, 3])) {
        const userId = newUser();
        const all = events(userId);
        await apply(...order.map((index) => all[index]!));
        outcomes.add(JSON.stringify(await gradeRow(userId)));
      }
      // 24 orders, one outcome: e-3 (the delete) has the latest (occurredAt, eventId).
      expect(outcomes.size).toBe(1);
      expect(JSON.parse([...outcomes][0]!)).toMatchObject({
        deleted: true,
        score: null,
        last_event_id: 'e-3',
      });
    });

    it('a score that is not a finite number is refused as permanent and writes nothing', async () => {
      const userId = newUser();
      const invalid = gradeEvent('grade.updated', { userId, resourceLinkId: 'link-1', score: Number.NaN });
      await expect(apply(invalid)).rejects.toBeInstanceOf(PermanentError);
      await expect(apply(invalid)).rejects.toMatchObject({
        retryable: false,
        code: 'INLET_GRADE_EVENT_INVALID',
      });
      expect(await gradeRow(userId)).toBeUndefined();
    });
  });
});
