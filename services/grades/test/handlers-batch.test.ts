import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { permutations } from '@inlet/test-harness';
import { createEventApplier, useMigratedDatabase } from '@inlet/service-kit/testing';
import { createHandlers, type GradesEventType } from '../src/handlers/index.js';
import { grades } from '../src/service.js';
import { at, courseEvent, gradeEvent, moduleEvent, submissionEvent } from './helpers/events.js';

// Grade events applied as the consumer applies a fetched batch: in ONE transaction, where the grade events of a
// run go to the gradebook in one set-based upsert.
describe('grades handlers, a batch at a time', () => {
  const stale: GradesEventType[] = [];
  const store = useMigratedDatabase(grades, (pool) =>
    createEventApplier(pool, createHandlers({ onStale: (type) => stale.push(type) }), {
      processedTable: grades.processedTable,
    }),
  );
  const newUser = () => `user-${randomUUID()}`;
  const gradeRows = async (userId: string) => {
    const { rows } = await store.db.pool.query(
      `SELECT resource_link_id, score::float8 AS score, deleted, last_event_id
         FROM grades.gradebook WHERE user_id = $1 ORDER BY resource_link_id`,
      [userId],
    );
    return rows as {
      resource_link_id: string;
      score: number | null;
      deleted: boolean;
      last_event_id: string;
    }[];
  };

  const eventsOf = (userId: string) => [
    gradeEvent(
      'grade.created',
      { userId, resourceLinkId: 'link-1', score: 5, maxScore: 10 },
      { eventId: `${userId}/e-1`, occurredAt: at(10) },
    ),
    gradeEvent(
      'grade.updated',
      { userId, resourceLinkId: 'link-1', score: 6, maxScore: 10 },
      { eventId: `${userId}/e-2`, occurredAt: at(20) },
    ),
    gradeEvent(
      'grade.deleted',
      { userId, resourceLinkId: 'link-1' },
      { eventId: `${userId}/e-3`, occurredAt: at(20) },
    ),
    gradeEvent(
      'grade.updated',
      { userId, resourceLinkId: 'link-2', score: 9, maxScore: 10 },
      { eventId: `${userId}/e-4`, occurredAt: at(15) },
    ),
  ];

  it('every order of the events in one run ends in the rows that one-by-one application gives', async () => {
    const oneByOne = newUser();
    await store.applier.apply(...eventsOf(oneByOne));
    const expected = (await gradeRows(oneByOne)).map((row) => ({
      ...row,
      last_event_id: row.last_event_id.replace(oneByOne, ''),
    }));
    expect(expected).toMatchObject([
      { resource_link_id: 'link-1', deleted: true, score: null, last_event_id: '/e-3' },
      { resource_link_id: 'link-2', score: 9, last_event_id: '/e-4' },
    ]);
    for (const order of permutations([0, 1, 2, 3])) {
      const userId = newUser();
      const all = eventsOf(userId);
      const results = await store.applier.applyTogether(...order.map((index) => all[index]!));
      expect(results.every((result) => result.status === 'processed')).toBe(true);
      const rows = (await gradeRows(userId)).map((row) => ({
        ...row,
        last_event_id: row.last_event_id.replace(userId, ''),
      }));
      expect(rows, `order ${order.join(',')}`).toEqual(expected);
    }
  });

  it('counts as stale the events that lost to a newer one in the same run or in the table', async () => {
    const userId = newUser();
    const [created, updated, deleted] = eventsOf(userId);
    await store.applier.applyTogether(deleted!);
    stale.length = 0;
    await store.applier.applyTogether(created!, updated!);
    // e-1 lost to e-2 within the run; e-2 lost to the stored e-3.
    expect(stale.sort()).toEqual(['grade.created', 'grade.updated']);
    expect(await gradeRows(userId)).toMatchObject([{ deleted: true, last_event_id: `${userId}/e-3` }]);
  });

  it('fails only the invalid event of a run; the rest of the run and the batch commit', async () => {
    const userId = newUser();
    const [created, , , other] = eventsOf(userId);
    const invalid = gradeEvent('grade.updated', { userId, resourceLinkId: 'link-3', score: Number.NaN });
    const completion = moduleEvent({ userId, moduleId: 'module-1' });
    const results = await store.applier.applyTogether(created!, invalid, other!, completion);
    expect(results.map((result) => result.status)).toEqual(['processed', 'failed', 'processed', 'processed']);
    expect((results[1] as { error: unknown }).error).toMatchObject({ code: 'INLET_GRADE_EVENT_INVALID' });
    expect((await gradeRows(userId)).map((row) => row.resource_link_id)).toEqual(['link-1', 'link-2']);
    const { rows } = await store.db.pool.query(
      `SELECT event_id FROM grades.processed_events WHERE event_id = ANY($1::text[])`,
      [[created!.eventId, invalid.eventId, other!.eventId, completion.eventId]],
    );
    expect(rows.map((row: { event_id: string }) => row.event_id).sort()).toEqual(
      [created!.eventId, other!.eventId, completion.eventId].sort(),
    );
  });
  it('a run that mixes every kind of event, in any order, ends in the rows one-by-one application gives', async () => {
    // Every kind twice or more for one learner: newest and earliest reports, a tie on time, a submission
    // reported before and after grading, so each table's reduction of the run is exercised.
    const mixed = (userId: string) => {
      const id = (n: number) => ({ eventId: `${userId}/e-${n}` });
      return [
        gradeEvent(
          'grade.created',
          { userId, resourceLinkId: 'link-1', score: 5 },
          { ...id(1), occurredAt: at(10) },
        ),
        moduleEvent({ userId, moduleId: 'm-1', contextId: 'c-late' }, { ...id(2), occurredAt: at(20) }),
        submissionEvent({ userId, assessmentId: 'q', submissionId: 's' }, { ...id(3), occurredAt: at(5) }),
        gradeEvent(
          'grade.updated',
          { userId, resourceLinkId: 'link-1', score: 7 },
          { ...id(4), occurredAt: at(30) },
        ),
        courseEvent({ userId, contextId: 'c-1' }, { ...id(5), occurredAt: at(40) }),
        moduleEvent({ userId, moduleId: 'm-1', contextId: 'c-early' }, { ...id(6), occurredAt: at(10) }),
        submissionEvent(
          { userId, assessmentId: 'q', submissionId: 's', score: 9, maxScore: 10 },
          { ...id(7), occurredAt: at(50) },
        ),
        courseEvent({ userId, contextId: 'c-1' }, { ...id(8), occurredAt: at(40) }),
        gradeEvent('grade.deleted', { userId, resourceLinkId: 'link-1' }, { ...id(9), occurredAt: at(30) }),
      ];
    };
    const snapshot = async (userId: string) => {
      const read = async (sql: string) =>
        JSON.stringify((await store.db.pool.query(sql, [userId])).rows).replaceAll(userId, '');
      return [
        await read(
          `SELECT resource_link_id, score::float8 AS score, deleted, last_event_id, last_event_type
             FROM grades.gradebook WHERE user_id = $1 ORDER BY resource_link_id`,
        ),
        await read(
          `SELECT module_id, context_id, completed_at, event_id
             FROM grades.module_completions WHERE user_id = $1 ORDER BY module_id`,
        ),
        await read(
          `SELECT context_id, completed_at, event_id FROM grades.course_completions WHERE user_id = $1`,
        ),
        await read(
          `SELECT submission_key, submission_id, score::float8 AS score, submitted_at, last_event_id, last_event_at
             FROM grades.assessment_submissions WHERE user_id = $1 ORDER BY submission_key`,
        ),
      ];
    };
    const oneByOne = newUser();
    await store.applier.apply(...mixed(oneByOne));
    const expected = await snapshot(oneByOne);
    expect(JSON.parse(expected[1]!)).toMatchObject([{ context_id: 'c-early', event_id: '/e-6' }]);
    expect(JSON.parse(expected[3]!)).toMatchObject([
      { score: 9, submitted_at: new Date(at(5)).toISOString(), last_event_id: '/e-7' },
    ]);

    const indexes = mixed('').map((_, index) => index);
    const rotations = indexes.map((shift) => [...indexes.slice(shift), ...indexes.slice(0, shift)]);
    for (const order of [...rotations, ...rotations.map((rotation) => [...rotation].reverse())]) {
      const userId = newUser();
      const events = mixed(userId);
      const results = await store.applier.applyTogether(...order.map((index) => events[index]!));
      expect(results.map((result) => result.status)).toEqual(order.map(() => 'processed'));
      expect(await snapshot(userId), `order ${order.join(',')}`).toEqual(expected);
    }
  });
});
