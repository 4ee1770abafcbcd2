/**
 * Canvas Live Events (Canvas format) to canonical events. Canvas's format carries no event id, so senderEventId is
 * null (the ingress then hashes source + body) unless a relay adds metadata.event_id.
 */
import type { EventDataByType } from '@inlet/schemas';
import type { ValidateFunction } from 'ajv';
import { canvasTimeToEpochMs, idString, isPresent, normalizedEvent, optionalId, orNull } from './convert.js';
import { unknownEventType } from './errors.js';
import {
  assignmentSchema,
  canvasEnvelopeSchema,
  courseCompletedSchema,
  discussionTopicSchema,
  enrollmentSchema,
  gradeChangeSchema,
  submissionSchema,
  type CanvasEnvelope,
  type CanvasGradeChange,
} from './schemas/canvas.js';
import type { JsonObject, NormalizedEvent } from './types.js';
import { assertValid, compileSchema } from './validate.js';

/** A Canvas Live Event has both parts; a payload with them is judged as Canvas even when malformed. */
export function isCanvasLiveEvent(payload: JsonObject): boolean {
  return 'metadata' in payload && 'body' in payload;
}

/** Canvas's other format; recognised only to say plainly that it is not supported. */
export function isCaliperEnvelope(payload: JsonObject): boolean {
  return 'sensor' in payload && 'dataVersion' in payload;
}

type Meta = Omit<NormalizedEvent, 'type' | 'data'>;
type CanvasMapper = (body: unknown, envelope: CanvasEnvelope, meta: Meta) => NormalizedEvent;

const validateEnvelope = compileSchema(canvasEnvelopeSchema);
const validateGradeChange = compileSchema(gradeChangeSchema);
const validateSubmission = compileSchema(submissionSchema);
const validateAssignment = compileSchema(assignmentSchema);
const validateDiscussionTopic = compileSchema(discussionTopicSchema);
const validateEnrollment = compileSchema(enrollmentSchema);
const validateCourseCompleted = compileSchema(courseCompletedSchema);

function checked<T>(validate: ValidateFunction<T>, body: unknown): T {
  assertValid(validate, body, '/body');
  return body;
}

/**
 * The course: the body's course_id, else its context_id when that context is a course, else the event's
 * metadata context when that is a course. A group's id is never passed off as a course.
 */
function courseOf(
  body: {
    course_id?: string | number | null;
    context_id?: string | number | null;
    context_type?: string | null;
  },
  envelope: CanvasEnvelope,
): string | null {
  if (isPresent(body.course_id)) return idString(body.course_id);
  if (isPresent(body.context_id) && (body.context_type ?? 'Course') === 'Course') {
    return idString(body.context_id);
  }
  const { context_id: contextId, context_type: contextType } = envelope.metadata;
  return contextType === 'Course' ? optionalId(contextId) : null;
}

/**
 * Canvas emits grade_change for a first grade, a changed grade and a removed grade alike. Inlet tells them apart:
 * no previous grade and a new one → grade.created; a previous grade and none now → grade.deleted; else
 * grade.updated (which also covers changes with no grade either side, such as points_possible edits).
 */
function gradeChangeType(body: CanvasGradeChange): 'grade.created' | 'grade.updated' | 'grade.deleted' {
  const hadGrade = isPresent(body.old_score) || isPresent(body.old_grade);
  const hasGrade = isPresent(body.score) || isPresent(body.grade);
  if (!hadGrade && hasGrade) return 'grade.created';
  if (hadGrade && !hasGrade) return 'grade.deleted';
  return 'grade.updated';
}

/** grading_complete false means partly graded, e.g. a quiz whose essay questions await a teacher. */
function gradingProgress(gradingComplete: boolean | null | undefined): string | null {
  if (gradingComplete === true) return 'FullyGraded';
  if (gradingComplete === false) return 'PendingManual';
  return null;
}

const gradeChange: CanvasMapper = (raw, envelope, meta) => {
  const body = checked(validateGradeChange, raw);
  // The schema's anyOf guarantees one of the two.
  const student = (body.student_id ?? body.user_id) as string | number;
  const data: EventDataByType['grade.updated'] = {
    gradeId: optionalId(body.submission_id),
    userId: idString(student),
    resourceLinkId: idString(body.assignment_id),
    contextId: courseOf(body, envelope),
    score: orNull(body.score),
    maxScore: orNull(body.points_possible),
    gradingProgress: gradingProgress(body.grading_complete),
    comment: null,
  };
  return normalizedEvent(gradeChangeType(body), data, meta);
};

const submissionCreated: CanvasMapper = (raw, envelope, meta) => {
  const body = checked(validateSubmission, raw);
  return normalizedEvent(
    'assessment.submitted',
    {
      userId: idString(body.user_id),
      assessmentId: idString(body.assignment_id),
      contextId: courseOf(body, envelope),
      submissionId: optionalId(body.submission_id),
      score: orNull(body.score),
      // The submission event does not carry the assignment's points_possible.
      maxScore: null,
      attempt: orNull(body.attempt),
    },
    meta,
  );
};

/** A deleted workflow_state on an update is a deletion. */
function contentChangeType(
  created: boolean,
  workflowState: string | null | undefined,
): 'content.created' | 'content.updated' | 'content.deleted' {
  if (workflowState === 'deleted') return 'content.deleted';
  return created ? 'content.created' : 'content.updated';
}

const assignment =
  (created: boolean): CanvasMapper =>
  (raw, envelope, meta) => {
    const body = checked(validateAssignment, raw);
    return normalizedEvent(
      contentChangeType(created, body.workflow_state),
      {
        contentId: idString(body.assignment_id),
        contentType: 'assignment',
        // An LTI-launched assignment names its resource link; that is what LTI tools know it by.
        resourceLinkId: orNull(body.lti_resource_link_id),
        contextId: courseOf(body, envelope),
        title: orNull(body.title),
        url: orNull(body.url),
        body: orNull(body.description),
      },
      meta,
    );
  };

const discussionTopic =
  (created: boolean): CanvasMapper =>
  (raw, envelope, meta) => {
    const body = checked(validateDiscussionTopic, raw);
    return normalizedEvent(
      contentChangeType(created, body.workflow_state),
      {
        contentId: idString(body.discussion_topic_id),
        // Canvas posts announcements as discussion topics flagged is_announcement.
        contentType: body.is_announcement === true ? 'announcement' : 'discussion_topic',
        resourceLinkId: null,
        contextId: courseOf(body, envelope),
        title: orNull(body.title),
        url: null,
        body: orNull(body.body),
      },
      meta,
    );
  };

const enrollment =
  (created: boolean): CanvasMapper =>
  (raw, _envelope, meta) => {
    const body = checked(validateEnrollment, raw);
    const data: EventDataByType['member.added'] = {
      contextId: idString(body.course_id),
      userId: idString(body.user_id),
      roles: [body.type],
      status: orNull(body.workflow_state),
    };
    if (created) return normalizedEvent('member.added', data, meta);
    return normalizedEvent(
      body.workflow_state === 'deleted' ? 'member.removed' : 'member.updated',
      data,
      meta,
    );
  };

const courseCompleted: CanvasMapper = (raw, _envelope, meta) => {
  const body = checked(validateCourseCompleted, raw);
  return normalizedEvent(
    'course.completed',
    { userId: idString(body.user.id), contextId: idString(body.course.id) },
    meta,
  );
};

const mappers: Record<string, CanvasMapper> = {
  grade_change: gradeChange,
  submission_created: submissionCreated,
  assignment_created: assignment(true),
  assignment_updated: assignment(false),
  discussion_topic_created: discussionTopic(true),
  discussion_topic_updated: discussionTopic(false),
  enrollment_created: enrollment(true),
  enrollment_updated: enrollment(false),
  course_completed: courseCompleted,
};

export const mappedCanvasEvents: readonly string[] = Object.keys(mappers);

export function normalizeCanvas(payload: JsonObject): NormalizedEvent {
  assertValid(validateEnvelope, payload);
  const { event_name: name, event_time: time, event_id: eventId } = payload.metadata;
  const mapper = Object.hasOwn(mappers, name) ? mappers[name] : undefined;
  if (!mapper) {
    throw unknownEventType(
      `Canvas event '${name}' is not mapped by Inlet; mapped: ${mappedCanvasEvents.join(', ')}`,
      '/metadata/event_name',
      { eventName: name, senderEventId: orNull(eventId) },
    );
  }
  return mapper(payload.body, payload, {
    occurredAt: canvasTimeToEpochMs(time),
    sourceEventName: name,
    senderEventId: orNull(eventId),
  });
}
