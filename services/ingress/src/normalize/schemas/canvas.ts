/**
 * Canvas Live Events in the "Canvas" format (not Caliper), as the Live Events Data Service posts them over HTTPS:
 * `{metadata: {event_name, event_time, context_type, context_id, ...}, body: {...}}`. Shapes follow Instructure's
 * data service docs (doc/api/data_services in canvas-lms). Ids are strings, often global ids
 * ("21070000000000565") beyond 2^53, and are kept exactly as given; a few events send small numeric ids.
 */
import Type, { type Static } from 'typebox';
import {
  eventName,
  freeFormObject,
  maxAvroInt,
  nativeId,
  nonEmptyString,
  optional,
  optionalNativeId,
  optionalNonEmptyString,
  optionalNumber,
  optionalString,
} from './common.js';

export const canvasEnvelopeSchema = Type.Object({
  metadata: Type.Object({
    event_name: eventName,
    event_time: Type.String({ format: 'canvas-time' }),
    /** Not part of the documented Canvas format; honoured when a relay adds one. */
    event_id: optionalNonEmptyString,
    context_type: optionalString,
    context_id: optionalNativeId,
  }),
  body: freeFormObject,
});
export type CanvasEnvelope = Static<typeof canvasEnvelopeSchema>;

/** Where a body names its course: course_id, or context_id when context_type says Course. */
const courseContext = {
  course_id: optionalNativeId,
  context_id: optionalNativeId,
  context_type: optionalString,
};

export const gradeChangeSchema = Type.Object(
  {
    ...courseContext,
    student_id: Type.Optional(nativeId),
    user_id: Type.Optional(nativeId),
    assignment_id: nativeId,
    submission_id: optionalNativeId,
    score: optionalNumber,
    old_score: optionalNumber,
    grade: optionalString,
    old_grade: optionalString,
    points_possible: optional(Type.Number({ minimum: 0 })),
    grading_complete: optional(Type.Boolean()),
  },
  // student_id and user_id name the same student; either will do.
  { anyOf: [{ required: ['student_id'] }, { required: ['user_id'] }] },
);
export type CanvasGradeChange = Static<typeof gradeChangeSchema>;

export const submissionSchema = Type.Object({
  ...courseContext,
  user_id: nativeId,
  assignment_id: nativeId,
  submission_id: optionalNativeId,
  attempt: optional(Type.Integer({ minimum: 0, maximum: maxAvroInt })),
  score: optionalNumber,
});

export const assignmentSchema = Type.Object({
  ...courseContext,
  assignment_id: nativeId,
  title: optionalString,
  description: optionalString,
  lti_resource_link_id: optionalNonEmptyString,
  url: optionalString,
  workflow_state: optionalString,
});

export const discussionTopicSchema = Type.Object({
  ...courseContext,
  discussion_topic_id: nativeId,
  title: optionalString,
  body: optionalString,
  is_announcement: optional(Type.Boolean()),
  workflow_state: optionalString,
});

export const enrollmentSchema = Type.Object({
  user_id: nativeId,
  course_id: nativeId,
  /** StudentEnrollment, TeacherEnrollment, ObserverEnrollment ... */
  type: nonEmptyString,
  workflow_state: optionalNonEmptyString,
});

export const courseCompletedSchema = Type.Object({
  user: Type.Object({ id: nativeId }),
  course: Type.Object({ id: nativeId }),
});
