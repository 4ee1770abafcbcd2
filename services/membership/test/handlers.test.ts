import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError } from '@inlet/kafka-runtime';
import { eventTypes, type InletEvent } from '@inlet/schemas';
import { waitFor } from '@inlet/test-harness';
import { createHandlers, type MembershipHandlerContext } from '../src/handlers/index.js';
import { eventApplier } from './helpers/apply.js';
import { createMigratedDatabase, type MigratedDatabase } from './helpers/database.js';
import { at, enrolledEvent, lti, memberEvent, moodleEnrolment, permutations } from './helpers/events.js';

// Handlers against a real PostgreSQL transaction, applied the way the consumer runtime applies them.
describe('membership handlers', () => {
  let db: MigratedDatabase;
  let applier: ReturnType<typeof eventApplier>;
  const apply = (...events: InletEvent[]) => applier.apply(...events);
  const silentLog: MembershipHandlerContext['log'] = { debug: () => undefined, info: () => undefined };

  beforeAll(async () => {
    db = await createMigratedDatabase();
    applier = eventApplier(db.pool);
  });
  afterAll(async () => db?.close());

  const newUser = () => `user-${randomUUID()}`;
  const memberRow = async (userId: string, contextId = 'course-1') => {
    const { rows } = await db.pool.query(
      `SELECT roles, normalized_roles, status, sender_status, enrolled_at, removed_at, order_id, last_event_id,
              last_event_type, last_event_at, last_event_source
         FROM membership.members WHERE context_id = $1 AND user_id = $2`,
      [contextId, userId],
    );
    return rows[0] as Record<string, unknown> | undefined;
  };
  const historyOf = async (userId: string, contextId = 'course-1') =>
    (
      await db.pool.query(
        `SELECT event_type, roles, status, order_id FROM membership.member_events
          WHERE context_id = $1 AND user_id = $2 ORDER BY occurred_at, event_id`,
        [contextId, userId],
      )
    ).rows;

  it('handle every event type of inlet.membership.v1 and nothing else', () => {
    const membershipTypes = Object.entries(eventTypes)
      .filter(([, info]) => info.service === 'membership')
      .map(([type]) => type);
    expect(Object.keys(createHandlers()).sort()).toEqual(membershipTypes.sort());
  });

  it('member.added stores the member with the roles as given and normalized, and records the event', async () => {
    const userId = newUser();
    const added = memberEvent(
      'member.added',
      { userId, roles: [lti.learner, lti.teachingAssistant] },
      { occurredAt: at(10) },
    );
    await apply(added);
    expect(await memberRow(userId)).toEqual({
      roles: [lti.learner, lti.teachingAssistant],
      normalized_roles: ['learner', 'teaching_assistant'],
      status: 'active',
      sender_status: null,
      enrolled_at: new Date(at(10)),
      removed_at: null,
      order_id: null,
      last_event_id: added.eventId,
      last_event_type: 'member.added',
      last_event_at: new Date(at(10)),
      last_event_source: 'test-lti',
    });
    expect(await historyOf(userId)).toEqual([
      {
        event_type: 'member.added',
        roles: [lti.learner, lti.teachingAssistant],
        status: null,
        order_id: null,
      },
    ]);
  });

  it('Canvas enrollment: invited, active, deleted (removed, row kept), then re-activated by member.added', async () => {
    const userId = newUser();
    const canvas = { source: 'test-canvas' };
    await apply(
      memberEvent(
        'member.added',
        { userId, roles: ['StudentEnrollment'], status: 'invited' },
        { ...canvas, occurredAt: at(10), sourceEventName: 'enrollment_created' },
      ),
      memberEvent(
        'member.updated',
        { userId, roles: ['StudentEnrollment'], status: 'active' },
        { ...canvas, occurredAt: at(20), sourceEventName: 'enrollment_updated' },
      ),
      memberEvent(
        'member.removed',
        { userId, roles: ['StudentEnrollment'], status: 'deleted' },
        { ...canvas, occurredAt: at(30), sourceEventName: 'enrollment_updated' },
      ),
    );
    expect(await memberRow(userId)).toMatchObject({
      status: 'removed',
      sender_status: 'deleted',
      normalized_roles: ['learner'],
      enrolled_at: new Date(at(10)),
      removed_at: new Date(at(30)),
    });

    await apply(
      memberEvent(
        'member.added',
        { userId, roles: ['TaEnrollment'], status: 'active' },
        { ...canvas, occurredAt: at(40), sourceEventName: 'enrollment_created' },
      ),
    );
    expect(await memberRow(userId)).toMatchObject({
      status: 'active',
      roles: ['TaEnrollment'],
      normalized_roles: ['teaching_assistant'],
      enrolled_at: new Date(at(40)),
      removed_at: null,
    });
    expect((await historyOf(userId)).map((event) => event.event_type)).toEqual([
      'member.added',
      'member.updated',
      'member.removed',
      'member.added',
    ]);
  });

  it('Moodle: enrolment and role_assigned in the same second give a learner, whichever is applied first', async () => {
    const [first, second] = [newUser(), newUser()];
    const [enrolA, roleA] = moodleEnrolment(first, '5', at(10));
    const [enrolB, roleB] = moodleEnrolment(second, '5', at(10));
    await apply(enrolA, roleA, roleB, enrolB);
    for (const userId of [first, second]) {
      expect(await memberRow(userId)).toMatchObject({
        status: 'active',
        roles: ['5'],
        normalized_roles: ['learner'],
        enrolled_at: new Date(at(10)),
      });
    }
    // A second role assigned later adds to the first.
    await apply(moodleEnrolment(first, '4', at(20))[1]);
    expect(await memberRow(first)).toMatchObject({
      roles: ['5', '4'],
      normalized_roles: ['learner', 'teaching_assistant'],
    });
  });

  it('course.enrolled adds the user as a learner with the order id, and re-activates a removed member', async () => {
    const [fresh, returning] = [newUser(), newUser()];
    await apply(enrolledEvent({ userId: fresh, orderId: 'order-1' }, { occurredAt: at(10) }));
    expect(await memberRow(fresh)).toMatchObject({
      status: 'active',
      roles: ['learner'],
      normalized_roles: ['learner'],
      order_id: 'order-1',
      enrolled_at: new Date(at(10)),
      last_event_source: 'test-commerce',
    });

    await apply(
      memberEvent('member.added', { userId: returning, roles: [lti.learner] }, { occurredAt: at(10) }),
      memberEvent('member.removed', { userId: returning }, { occurredAt: at(20) }),
      enrolledEvent({ userId: returning, orderId: 'order-2' }, { occurredAt: at(30) }),
    );
    expect(await memberRow(returning)).toMatchObject({
      status: 'active',
      roles: [lti.learner, 'learner'],
      normalized_roles: ['learner'],
      order_id: 'order-2',
      enrolled_at: new Date(at(30)),
      removed_at: null,
    });
  });

  it('an older event applied after a newer one never overwrites it, and is reported out of order', async () => {
    const userId = newUser();
    await apply(
      memberEvent('member.added', { userId, roles: [lti.learner] }, { occurredAt: at(10) }),
      memberEvent('member.removed', { userId }, { occurredAt: at(30) }),
    );
    const before = await memberRow(userId);
    const reported = applier.outOfOrder.length;

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
    expect(applier.outOfOrder.slice(reported)).toEqual(['member.updated']);
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
      db.pool.query('SELECT * FROM membership.members WHERE user_id = $1', [userId]).then((r) => r.rows);
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
    const [a, b] = [await db.pool.connect(), await db.pool.connect()];
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
          (await db.pool.query('SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1', [bPid])).rows[0]
            ?.wait_event_type === 'Lock',
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

  it('an unknown role is normalized to other and counted, never an error', async () => {
    const userId = newUser();
    const before = applier.unknownRoles();
    await apply(memberEvent('member.added', { userId, roles: ['Astronaut', 'StudentEnrollment', 'Pilot'] }));
    expect(await memberRow(userId)).toMatchObject({
      roles: ['Astronaut', 'StudentEnrollment', 'Pilot'],
      normalized_roles: ['learner', 'other'],
    });
    expect(applier.unknownRoles() - before).toBe(2);
  });

  it('an id too long for the read API is refused as permanent and writes nothing', async () => {
    const userId = 'u'.repeat(256);
    const invalid = memberEvent('member.added', { userId, roles: [lti.learner] });
    await expect(apply(invalid)).rejects.toBeInstanceOf(PermanentError);
    await expect(apply(invalid)).rejects.toMatchObject({
      retryable: false,
      code: 'INLET_MEMBERSHIP_EVENT_INVALID',
    });
    expect(await memberRow(userId)).toBeUndefined();
  });

  it('data PostgreSQL refuses (a NUL character) is permanent and writes nothing', async () => {
    const userId = newUser();
    const invalid = memberEvent('member.added', { userId, roles: ['Learner\u0000'] });
    await expect(apply(invalid)).rejects.toMatchObject({
      name: 'PermanentError',
      code: 'INLET_MEMBERSHIP_EVENT_INVALID',
      cause: expect.objectContaining({ code: expect.stringMatching(/^22/) }),
    });
    expect(await memberRow(userId)).toBeUndefined();
    expect(await historyOf(userId)).toEqual([]);
  });

  it('a database failure that a retry can fix stays retryable (not a PermanentError)', async () => {
    const lost = Object.assign(new pg.DatabaseError('terminating connection', 0, 'error'), { code: '57P01' });
    const broken: MembershipHandlerContext['tx'] = {
      query: async () => {
        throw lost;
      },
    };
    const handlers = createHandlers();
    const attempt = handlers['member.added'](memberEvent('member.added', { userId: newUser() }), {
      tx: broken,
      log: silentLog,
    });
    await expect(attempt).rejects.toBe(lost);
  });
});
