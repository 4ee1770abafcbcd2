import { describe, expect, it } from 'vitest';
import { foldMembership, type MembershipFact } from '../../src/roster/fold.js';
import { permutations } from '@inlet/test-harness';
import { at, lti } from '../helpers/events.js';

let counter = 0;
/** A fact with readable defaults; ids increase with creation unless given. */
function fact(type: MembershipFact['type'], occurredAt: number, rest: Partial<MembershipFact> = {}) {
  counter += 1;
  return {
    eventId: `e-${String(counter).padStart(4, '0')}`,
    type,
    occurredAt,
    source: 'test',
    sourceEventName: null,
    roles: [],
    status: null,
    orderId: null,
    ...rest,
  } satisfies MembershipFact;
}

const roleAssigned = '\\core\\event\\role_assigned';

describe('folding a membership from its events', () => {
  it('member.added makes an active member with the roles given, normalized', () => {
    const added = fact('member.added', at(10), { roles: [lti.learner] });
    expect(foldMembership([added])).toEqual({
      roles: [lti.learner],
      normalizedRoles: ['learner'],
      status: 'active',
      senderStatus: null,
      enrolledAt: at(10),
      removedAt: null,
      orderId: null,
      last: added,
    });
  });

  it('Canvas: invited, then active, then deleted: removed, keeping its roles and when it began', () => {
    const membership = foldMembership([
      fact('member.added', at(10), { roles: ['StudentEnrollment'], status: 'invited' }),
      fact('member.updated', at(20), { roles: ['StudentEnrollment'], status: 'active' }),
      fact('member.removed', at(30), { roles: ['StudentEnrollment'], status: 'deleted' }),
    ]);
    expect(membership).toMatchObject({
      roles: ['StudentEnrollment'],
      normalizedRoles: ['learner'],
      status: 'removed',
      senderStatus: 'deleted',
      enrolledAt: at(10),
      removedAt: at(30),
    });
  });

  it('a member.added after a removal re-activates: a new enrolment time, no removal time', () => {
    const membership = foldMembership([
      fact('member.added', at(10), { roles: [lti.learner] }),
      fact('member.removed', at(20)),
      fact('member.removed', at(25)),
      fact('member.added', at(30), { roles: [lti.instructor] }),
    ]);
    expect(membership).toMatchObject({
      status: 'active',
      enrolledAt: at(30),
      removedAt: null,
      normalizedRoles: ['instructor'],
    });
    // A second removal report keeps the first one's time.
    expect(
      foldMembership([
        fact('member.added', at(10)),
        fact('member.removed', at(20)),
        fact('member.removed', at(25)),
      ]),
    ).toMatchObject({ status: 'removed', removedAt: at(20), enrolledAt: at(10) });
  });

  it('member.updated changes the status only when it states a known one; roles it gives replace', () => {
    const added = fact('member.added', at(10), { roles: ['StudentEnrollment'], status: 'active' });
    expect(
      foldMembership([
        added,
        fact('member.updated', at(20), { roles: ['TaEnrollment'], status: 'completed' }),
      ]),
    ).toMatchObject({ status: 'completed', normalizedRoles: ['teaching_assistant'], enrolledAt: at(10) });
    expect(
      foldMembership([
        added,
        fact('member.updated', at(20), { roles: ['TeacherEnrollment'], status: 'on-a-boat' }),
      ]),
    ).toMatchObject({ status: 'active', senderStatus: 'on-a-boat', normalizedRoles: ['instructor'] });
    // Told nothing about roles: they stay.
    expect(foldMembership([added, fact('member.updated', at(20), { status: 'inactive' })])).toMatchObject({
      status: 'inactive',
      roles: ['StudentEnrollment'],
    });
  });

  it('a removal stated as a status (member.updated "deleted") removes', () => {
    expect(
      foldMembership([fact('member.added', at(10)), fact('member.updated', at(20), { status: 'deleted' })]),
    ).toMatchObject({ status: 'removed', removedAt: at(20) });
  });

  it('a member.updated without status for a removed member does not bring them back', () => {
    expect(
      foldMembership([
        fact('member.added', at(10)),
        fact('member.removed', at(20)),
        fact('member.updated', at(30), { roles: ['5'], sourceEventName: roleAssigned }),
      ]),
    ).toMatchObject({ status: 'removed', removedAt: at(20), roles: ['5'] });
  });

  it("Moodle's role_assigned adds a role; other updates replace", () => {
    expect(
      foldMembership([
        fact('member.added', at(10)),
        fact('member.updated', at(10), { roles: ['5'], sourceEventName: roleAssigned }),
        fact('member.updated', at(20), { roles: ['4'], sourceEventName: roleAssigned.slice(1) }),
        fact('member.updated', at(30), { roles: ['5'], sourceEventName: roleAssigned }),
      ]),
    ).toMatchObject({
      roles: ['5', '4'],
      normalizedRoles: ['learner', 'teaching_assistant'],
      status: 'active',
    });
  });

  it('a member.updated or removal is all we know: a member from then on, or removed with no enrolment', () => {
    expect(foldMembership([fact('member.updated', at(10), { roles: ['5'] })])).toMatchObject({
      status: 'active',
      enrolledAt: at(10),
    });
    expect(foldMembership([fact('member.removed', at(10))])).toMatchObject({
      status: 'removed',
      enrolledAt: null,
      removedAt: at(10),
      roles: [],
      normalizedRoles: [],
    });
  });

  it('course.enrolled adds or re-activates the user as a learner and keeps the newest order id', () => {
    expect(
      foldMembership([
        fact('member.added', at(10), { roles: ['TeacherEnrollment'] }),
        fact('member.removed', at(20)),
        fact('course.enrolled', at(30), { orderId: 'order-1' }),
        fact('course.enrolled', at(40), { orderId: null }),
      ]),
    ).toMatchObject({
      status: 'active',
      roles: ['TeacherEnrollment', 'learner'],
      normalizedRoles: ['learner', 'instructor'],
      orderId: 'order-1',
      enrolledAt: at(30),
      removedAt: null,
    });
    expect(
      foldMembership([fact('member.added', at(10), { status: 'inactive' }), fact('course.enrolled', at(20))]),
    ).toMatchObject({ status: 'active', enrolledAt: at(10), roles: ['learner'] });
  });

  it('ties on time go to the greater event id, compared byte-wise', () => {
    const low = fact('member.updated', at(10), { eventId: 'B', status: 'inactive' });
    const high = fact('member.updated', at(10), { eventId: 'a', status: 'completed' });
    expect(foldMembership([high, low])).toMatchObject({ status: 'completed', last: high });
    expect(foldMembership([low, high])).toMatchObject({ status: 'completed', last: high });
  });

  it('every arrival order of the same events folds to the same membership', () => {
    const events = [
      fact('member.added', at(10), { roles: ['StudentEnrollment'], status: 'invited' }),
      fact('member.updated', at(20), { roles: ['StudentEnrollment'], status: 'active' }),
      fact('member.removed', at(30), { status: 'deleted' }),
      fact('course.enrolled', at(40), { orderId: 'order-9' }),
      fact('member.updated', at(40), { roles: ['3'], sourceEventName: roleAssigned }),
      fact('member.updated', at(50), { status: 'something new' }),
    ];
    const outcomes = new Set<string>();
    for (const order of permutations(events)) outcomes.add(JSON.stringify(foldMembership(order)));
    expect(outcomes.size).toBe(1);
    expect(JSON.parse([...outcomes][0]!)).toMatchObject({
      roles: ['StudentEnrollment', 'learner', '3'],
      normalizedRoles: ['learner', 'instructor'],
      status: 'active',
      senderStatus: 'something new',
      enrolledAt: at(40),
      removedAt: null,
      orderId: 'order-9',
    });
  });

  it('needs at least one event', () => {
    expect(() => foldMembership([])).toThrow(TypeError);
  });
});
