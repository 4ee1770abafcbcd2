import type { CourseEnrollment, InletEvent, MembershipChange } from '@inlet/schemas';
import { secondsAfter, testEnvelope, type EnvelopeOverrides } from '@inlet/service-kit/testing';

/** An epoch-ms time `seconds` after a fixed instant, so tests read as "at 10", "at 20". */
export const at = secondsAfter('2026-11-23T12:00:00.000Z');

export const lti = {
  learner: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
  instructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
  teachingAssistant: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant',
} as const;

type Overrides = EnvelopeOverrides;

const envelope = testEnvelope({ source: 'test-lti', occurredAt: at(0) });

export function memberEvent<T extends 'member.added' | 'member.updated' | 'member.removed'>(
  type: T,
  data: Partial<MembershipChange> & Pick<MembershipChange, 'userId'>,
  overrides: Overrides = {},
): InletEvent<T> {
  const change: MembershipChange = { contextId: 'course-1', roles: [], status: null, ...data };
  return envelope(type, change as InletEvent<T>['data'], overrides);
}

export function enrolledEvent(
  data: Partial<CourseEnrollment> & Pick<CourseEnrollment, 'userId'>,
  overrides: Overrides = {},
): InletEvent<'course.enrolled'> {
  return envelope(
    'course.enrolled',
    { contextId: 'course-1', orderId: null, ...data },
    { source: 'test-commerce', ...overrides },
  );
}

/** Moodle's two events of one manual enrolment, as the ingress maps them (same second, hashed ids). */
export function moodleEnrolment(
  userId: string,
  roleId: string,
  occurredAt: number,
  contextId = 'course-1',
): [InletEvent<'member.added'>, InletEvent<'member.updated'>] {
  const moodle = { source: 'test-moodle', occurredAt };
  return [
    memberEvent(
      'member.added',
      { userId, contextId },
      { ...moodle, sourceEventName: '\\core\\event\\user_enrolment_created' },
    ),
    memberEvent(
      'member.updated',
      { userId, contextId, roles: [roleId] },
      { ...moodle, sourceEventName: '\\core\\event\\role_assigned' },
    ),
  ];
}
