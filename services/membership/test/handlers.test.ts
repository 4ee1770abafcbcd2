import { describe, expect, it } from 'vitest';
import { itHandlesEveryEventTypeOf } from '@inlet/service-kit/testing';
import { createHandlers } from '../src/handlers/index.js';
import { at, enrolledEvent, lti, memberEvent, moodleEnrolment } from './helpers/events.js';
import { newUser, useRosterDatabase } from './helpers/roster-database.js';

// Handlers against a real PostgreSQL transaction, applied the way the consumer runtime applies them: what
// each event type and each sender's events make of a membership.
describe("membership handlers: each sender's events", () => {
  const { apply, memberRow, historyOf } = useRosterDatabase();

  itHandlesEveryEventTypeOf('membership', () => createHandlers());

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
});
