import { describe, expect, it } from 'vitest';
import { waitFor } from '@inlet/test-harness';
import { createHandlers } from '../src/handlers/index.js';
import { permutations } from '@inlet/test-harness';
import { at, enrolledEvent, lti, memberEvent } from './helpers/events.js';
import { newUser, silentLog, useRosterDatabase } from './helpers/roster-database.js';

// Events of one membership arrive late, twice, in any order or at once: the row ends the same.
describe('membership handlers: arrival order and concurrency', () => {
  const roster = useRosterDatabase();
  const { apply, memberRow, historyOf } = roster;

  it('an older event applied after a newer one never overwrites it, and is reported out of order', async () => {
    const userId = newUser();
    await apply(
      memberEvent('member.added', { userId, roles: [lti.learner] }, { occurredAt: at(10) }),
      memberEvent('member.removed', { userId }, { occurredAt: at(30) }),
    );
    const before = await memberRow(userId);
    const reported = roster.applier.outOfOrder.length;

    // A retry of an update that happened before the removal finally arrives.
    await apply(
      memberEvent(
        'member.updated',
        { userId, roles: [lti.instructor], status: 'active' },
        { occurredAt: at(20) },
      ),
    );

    expect(await memberRow(userId)).toMatchObject({
      status: 'removed',
      removed_at: new Date(at(30)),
      last_event_id: before?.last_event_id,
      // What it alone says still counts, in its place: the roles the member had when removed.
      normalized_roles: ['instructor'],
    });
    expect(roster.applier.outOfOrder.slice(reported)).toEqual(['member.updated']);
  });

  it('an older event that changes nothing leaves the row as it was, updated_at included', async () => {
    const userId = newUser();
    await apply(
      memberEvent('member.added', { userId, roles: [lti.learner], status: 'active' }, { occurredAt: at(10) }),
      memberEvent(
        'member.updated',
        { userId, roles: [lti.learner], status: 'active' },
        { occurredAt: at(30) },
      ),
    );
    const read = () =>
      roster.db.pool
        .query('SELECT * FROM membership.members WHERE user_id = $1', [userId])
        .then((r) => r.rows);
    const before = await read();
    await apply(
      memberEvent(
        'member.updated',
        { userId, roles: [lti.learner], status: 'active' },
        { occurredAt: at(20) },
      ),
    );
    expect(await read()).toEqual(before);
  });

  it('every arrival order of the same events ends in the same row', async () => {
    const events = (userId: string) => [
      memberEvent(
        'member.added',
        { userId, roles: ['StudentEnrollment'], status: 'invited' },
        { eventId: 'e-1', occurredAt: at(10) },
      ),
      memberEvent('member.removed', { userId, status: 'deleted' }, { eventId: 'e-2', occurredAt: at(20) }),
      enrolledEvent({ userId, orderId: 'order-7' }, { eventId: 'e-3', occurredAt: at(30) }),
      memberEvent(
        'member.updated',
        { userId, roles: ['TaEnrollment'], status: 'active' },
        { eventId: 'e-4', occurredAt: at(30) },
      ),
    ];
    const outcomes = new Set<string>();
    for (const order of permutations([0, 1, 2, 3])) {
      const userId = newUser();
      const all = events(userId);
      await apply(...order.map((index) => all[index]!));
      outcomes.add(JSON.stringify(await memberRow(userId)));
    }
    // 24 orders, one outcome: re-activated at 30 by the purchase; e-4 (same time, greater id) sets the roles.
    expect(outcomes.size).toBe(1);
    expect(JSON.parse([...outcomes][0]!)).toMatchObject({
      status: 'active',
      roles: ['TaEnrollment'],
      normalized_roles: ['teaching_assistant'],
      order_id: 'order-7',
      enrolled_at: new Date(at(30)).toISOString(),
      removed_at: null,
      last_event_id: 'e-4',
    });
  });

  it('two transactions applying events of one membership at once lose neither', async () => {
    const userId = newUser();
    const handlers = createHandlers();
    const [a, b] = [await roster.db.pool.connect(), await roster.db.pool.connect()];
    try {
      await a.query('BEGIN');
      await b.query('BEGIN');
      await handlers['member.added'](
        memberEvent('member.added', { userId, roles: [lti.learner] }, { occurredAt: at(10) }),
        { tx: a, log: silentLog },
      );
      const bPid = (await b.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      // b waits for a's lock on the membership; it then reads a's event and folds both. (Without the lock,
      // b would read before a commits and block only at its write, which would then drop a's roles.)
      const second = handlers['course.enrolled'](
        enrolledEvent({ userId, orderId: 'order-3' }, { occurredAt: at(20) }),
        { tx: b, log: silentLog },
      );
      await waitFor(
        async () =>
          (await roster.db.pool.query('SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1', [bPid]))
            .rows[0]?.wait_event_type === 'Lock',
        { what: 'the second transaction to wait for a lock' },
      );
      await a.query('COMMIT');
      await second;
      await b.query('COMMIT');
    } finally {
      a.release();
      b.release();
    }
    expect(await memberRow(userId)).toMatchObject({ roles: [lti.learner, 'learner'], order_id: 'order-3' });
    expect(await historyOf(userId)).toHaveLength(2);
  });
});
