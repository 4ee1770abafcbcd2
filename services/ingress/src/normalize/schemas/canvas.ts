/**
 * Canvas Live Events in the "Canvas" format (not Caliper), as the Live Events Data Service posts them over HTTPS:
 * `{metadata: {event_name, event_time, context_type, context_id, ...}, body: {...}}`. Shapes follow Instructure's
 * data service docs (doc/api/data_services in canvas-lms). Ids are strings, often global ids
 * ("21070000000000565") beyond 2^53, and are kept exactly as given; a few events send small numeric ids.
 */
import {
  eventName,
  maxAvroInt,
  nativeId,
  nonEmptyString,
  optionalNativeId,
  optionalNonEmptyString,
  optionalNumber,
  optionalString,
} from './common.js';

type Id = string | number;
type Optional<T> = T | null | undefined;

export interface CanvasEnvelope {
  metadata: {
    event_name: string;
    event_time: string;
    /** Not part of the documented Canvas format; honoured when a relay adds one. */
    event_id?: Optional<string>;
    context_type?: Optional<string>;
    context_id?: Optional<Id>;
  };
  body: Record<string, unknown>;
}

export const canvasEnvelopeSchema = {
  type: 'object',
  required: ['metadata', 'body'],
  properties: {
    metadata: {
      type: 'object',
      required: ['event_name', 'event_time'],
      properties: {
        event_name: eventName,
        event_time: { type: 'string', format: 'canvas-time' },
        event_id: optionalNonEmptyString,
        context_type: optionalString,
        context_id: optionalNativeId,
      },
    },
    body: { type: 'object' },
  },
};

/** Where a body names its course: course_id, or context_id when context_type says Course. */
interface CourseContext {
  course_id?: Optional<Id>;
  context_id?: Optional<Id>;
  context_type?: Optional<string>;
}

const courseContext = {
  course_id: optionalNativeId,
  context_id: optionalNativeId,
  context_type: optionalString,
};

export interface CanvasGradeChange extends CourseContext {
  student_id?: Id;
  user_id?: Id;
  assignment_id: Id;
  submission_id?: Optional<Id>;
  score?: Optional<number>;
  old_score?: Optional<number>;
  grade?: Optional<string>;
  old_grade?: Optional<string>;
  points_possible?: Optional<number>;
  grading_complete?: Optional<boolean>;
}

export const gradeChangeSchema = {
  type: 'object',
  required: ['assignment_id'],
  // student_id and user_id name the same student; either will do.
  anyOf: [{ required: ['student_id'] }, { required: ['user_id'] }],
  properties: {
    ...courseContext,
    student_id: nativeId,
    user_id: nativeId,
    assignment_id: nativeId,
    submission_id: optionalNativeId,
    score: optionalNumber,
    old_score: optionalNumber,
    grade: optionalString,
    old_grade: optionalString,
    points_possible: { type: ['number', 'null'], minimum: 0 },
    grading_complete: { type: ['boolean', 'null'] },
  },
};

export interface CanvasSubmission extends CourseContext {
  user_id: Id;
  assignment_id: Id;
  submission_id?: Optional<Id>;
  attempt?: Optional<number>;
  score?: Optional<number>;
}

export const submissionSchema = {
  type: 'object',
  required: ['user_id', 'assignment_id'],
  properties: {
    ...courseContext,
    user_id: nativeId,
    assignment_id: nativeId,
    submission_id: optionalNativeId,
    attempt: { type: ['integer', 'null'], minimum: 0, maximum: maxAvroInt },
    score: optionalNumber,
  },
};

export interface CanvasAssignment extends CourseContext {
  assignment_id: Id;
  title?: Optional<string>;
  description?: Optional<string>;
  lti_resource_link_id?: Optional<string>;
  url?: Optional<string>;
  workflow_state?: Optional<string>;
}

export const assignmentSchema = {
  type: 'object',
  required: ['assignment_id'],
  properties: {
    ...courseContext,
    assignment_id: nativeId,
    title: optionalString,
    description: optionalString,
    lti_resource_link_id: optionalNonEmptyString,
    url: optionalString,
    workflow_state: optionalString,
  },
};

export interface CanvasDiscussionTopic extends CourseContext {
  discussion_topic_id: Id;
  title?: Optional<string>;
  body?: Optional<string>;
  is_announcement?: Optional<boolean>;
  workflow_state?: Optional<string>;
}

export const discussionTopicSchema = {
  type: 'object',
  required: ['discussion_topic_id'],
  properties: {
    ...courseContext,
    discussion_topic_id: nativeId,
    title: optionalString,
    body: optionalString,
    is_announcement: { type: ['boolean', 'null'] },
    workflow_state: optionalString,
  },
};

export interface CanvasEnrollment {
  user_id: Id;
  course_id: Id;
  /** StudentEnrollment, TeacherEnrollment, ObserverEnrollment ... */
  type: string;
  workflow_state?: Optional<string>;
}

export const enrollmentSchema = {
  type: 'object',
  required: ['user_id', 'course_id', 'type'],
  properties: {
    user_id: nativeId,
    course_id: nativeId,
    type: nonEmptyString,
    workflow_state: optionalNonEmptyString,
  },
};

export interface CanvasCourseCompleted {
  user: { id: Id };
  course: { id: Id };
}

export const courseCompletedSchema = {
  type: 'object',
  required: ['user', 'course'],
  properties: {
    user: { type: 'object', required: ['id'], properties: { id: nativeId } },
    course: { type: 'object', required: ['id'], properties: { id: nativeId } },
  },
};
