import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { permutations } from '@inlet/test-harness';
import { useMigratedDatabase } from '@inlet/service-kit/testing';
import { grades } from '../src/service.js';
import { eventApplier } from './helpers/apply.js';
import { at, courseEvent, moduleEvent, submissionEvent } from './helpers/events.js';

// The progress handlers against a real PostgreSQL transaction, applied the way the consumer runtime applies them.
describe('grades progress handlers', () => {
  const store = useMigratedDatabase(grades, eventApplier);
  const apply = store.apply;
  const newUser = () => `user-${randomUUID()}`;

  describe('progress', () => {
    it('module completions: a repeated report is harmless; the earliest report (its time and course) is kept', async () => {
      const userId = newUser();
      await apply(
        moduleEvent({ userId, moduleId: 'm-1', contextId: 'course-late' }, { occurredAt: at(20) }),
        moduleEvent({ userId, moduleId: 'm-1', contextId: 'course-9' }, { occurredAt: at(10) }),
        moduleEvent({ userId, moduleId: 'm-1', contextId: 'course-later' }, { occurredAt: at(30) }),
      );
      const { rows } = await store.db.pool.query(
        'SELECT module_id, context_id, completed_at FROM grades.module_completions WHERE user_id = $1',
        [userId],
      );
      expect(rows).toEqual([{ module_id: 'm-1', context_id: 'course-9', completed_at: new Date(at(10)) }]);
    });

    it('every arrival order of the same progress reports ends in the same rows', async () => {
      const reports = (userId: string) => [
        moduleEvent({ userId, moduleId: 'm-1', contextId: null }, { eventId: 'e-1', occurredAt: at(5) }),
        moduleEvent({ userId, moduleId: 'm-1', contextId: 'c-1' }, { eventId: 'e-2', occurredAt: at(10) }),
        moduleEvent({ userId, moduleId: 'm-1', contextId: 'c-2' }, { eventId: 'e-3', occurredAt: at(5) }),
        submissionEvent(
          { userId, assessmentId: 'q', submissionId: 's', score: 3 },
          { eventId: 'e-4', occurredAt: at(5) },
        ),
        submissionEvent(
          { userId, assessmentId: 'q', submissionId: 's', score: null },
          { eventId: 'e-5', occurredAt: at(20) },
        ),
        submissionEvent(
          { userId, assessmentId: 'q', submissionId: 's', score: 7 },
          { eventId: 'e-6', occurredAt: at(10) },
        ),
      ];
      const snapshot = async (userId: string) =>
        JSON.stringify([
          (
            await store.db.pool.query(
              'SELECT module_id, context_id, completed_at, event_id FROM grades.module_completions WHERE user_id = $1',
              [userId],
            )
          ).rows,
          (
            await store.db.pool.query(
              `SELECT submission_key, context_id, score::float8 AS score, submitted_at, last_event_id
                 FROM grades.assessment_submissions WHERE user_id = $1`,
              [userId],
            )
          ).rows,
        ]);
      const outcomes = new Set<string>();
      // The module reports and the submission reports interleave freely; 3! x 3! orders of each family.
      for (const modules of permutations([0, 1, 2])) {
        for (const submissions of permutations([3, 4, 5])) {
          const userId = newUser();
          const all = reports(userId);
          await apply(...[...modules, ...submissions].map((index) => all[index]!));
          outcomes.add(await snapshot(userId));
        }
      }
      expect(outcomes.size).toBe(1);
      const [modules, submissions] = JSON.parse([...outcomes][0]!);
      // e-1 and e-3 tie on time; e-1 is the smaller id. The newest submission report (e-5) has no score.
      expect(modules).toMatchObject([{ context_id: null, event_id: 'e-1' }]);
      expect(submissions).toMatchObject([
        { score: null, last_event_id: 'e-5', submitted_at: new Date(at(5)).toISOString() },
      ]);
    });
    it('course completions are recorded once, with the earliest time', async () => {
      const userId = newUser();
      const first = courseEvent({ userId, contextId: 'course-1' }, { occurredAt: at(50) });
      await apply(first, courseEvent({ userId, contextId: 'course-1' }, { occurredAt: at(60) }));
      const { rows } = await store.db.pool.query(
        'SELECT context_id, completed_at, event_id FROM grades.course_completions WHERE user_id = $1',
        [userId],
      );
      expect(rows).toEqual([
        { context_id: 'course-1', completed_at: new Date(at(50)), event_id: first.eventId },
      ]);
    });

    it("submissions: one row per submission, with its earliest time and its newest report's score", async () => {
      const userId = newUser();
      await apply(
        // Canvas reports the submission, then the same submission once graded.
        submissionEvent(
          { userId, assessmentId: 'quiz-1', submissionId: 's-1', attempt: 1 },
          { occurredAt: at(10) },
        ),
        submissionEvent(
          { userId, assessmentId: 'quiz-1', submissionId: 's-1', attempt: 1, score: 8, maxScore: 10 },
          { occurredAt: at(40) },
        ),
        // A late copy of the first report changes neither the score nor the time.
        submissionEvent(
          { userId, assessmentId: 'quiz-1', submissionId: 's-1', attempt: 1 },
          { occurredAt: at(10) },
        ),
        // A second attempt without a submission id is a submission of its own, named by its attempt.
        submissionEvent(
          { userId, assessmentId: 'quiz-1', attempt: 2, score: 9, maxScore: 10 },
          { occurredAt: at(60) },
        ),
        submissionEvent(
          { userId, assessmentId: 'quiz-1', attempt: 2, score: 9, maxScore: 10 },
          { occurredAt: at(61) },
        ),
      );
      const { rows } = await store.db.pool.query(
        `SELECT submission_key, submission_id, score::float8 AS score, max_score::float8 AS max_score, attempt,
                submitted_at
           FROM grades.assessment_submissions WHERE user_id = $1 ORDER BY submission_key`,
        [userId],
      );
      expect(rows).toEqual([
        {
          submission_key: 'attempt:2',
          submission_id: null,
          score: 9,
          max_score: 10,
          attempt: 2,
          submitted_at: new Date(at(60)),
        },
        {
          submission_key: 'submission:s-1',
          submission_id: 's-1',
          score: 8,
          max_score: 10,
          attempt: 1,
          submitted_at: new Date(at(10)),
        },
      ]);
    });

    it('a submission with neither a submission id nor an attempt is its own submission', async () => {
      const userId = newUser();
      await apply(
        submissionEvent({ userId, assessmentId: 'survey' }, { occurredAt: at(10) }),
        submissionEvent({ userId, assessmentId: 'survey' }, { occurredAt: at(20) }),
      );
      const { rows } = await store.db.pool.query(
        'SELECT count(*)::int AS n FROM grades.assessment_submissions WHERE user_id = $1',
        [userId],
      );
      expect(rows[0]).toEqual({ n: 2 });
    });
  });
});
