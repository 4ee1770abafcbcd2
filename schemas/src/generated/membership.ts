// Generated from the latest Avro schema of inlet.membership.v1 (schemas/avro/inlet.membership.v1/): the
// records of its data union, by `npm run generate --workspace @inlet/schemas`. Do not edit: change those and
// regenerate (a test fails while this file differs from what they generate).

// MembershipEvent: Course rosters: memberships added, removed or changed and paid enrollments. Keyed by
// data.contextId so one course's roster changes stay in order.

/**
 * A user's membership of a course was added, removed or changed (member.added, member.removed,
 * member.updated).
 */
export interface MembershipChange {
  /** The course (LTI context). */
  contextId: string;
  /** The member. */
  userId: string;
  /** As the sender names them: LTI role URIs, Canvas enrollment types, Moodle role shortnames. */
  roles: string[];
  /** The sender's state of the membership: active, inactive, completed, deleted, invited ... */
  status: string | null;
}

/** A user was enrolled in a course, typically after buying it (course.enrolled). */
export interface CourseEnrollment {
  /** The enrolled user. */
  userId: string;
  /** The course (LTI context) enrolled in. */
  contextId: string;
  /** The order or payment that bought the enrollment, when there is one. */
  orderId: string | null;
}
