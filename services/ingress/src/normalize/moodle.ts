/**
 * Moodle events to canonical events. Moodle's event data has no event id, so senderEventId is null (the ingress
 * then hashes source + body) unless a plugin adds a top-level `id`. Every id becomes a string.
 */
import type { ValidateFunction } from 'ajv';
import { epochSecondsToMs, idString, normalizedEvent, numberOrNull, optionalId } from './convert.js';
import { unknownEventType } from './errors.js';
import {
  courseModuleDeletedSchema,
  courseModuleSchema,
  moodleEnvelopeSchema,
  quizAttemptSubmittedSchema,
  roleAssignedSchema,
  userGradedSchema,
  userInCourseSchema,
} from './schemas/moodle.js';
import type { JsonObject, NormalizedEvent } from './types.js';
import { assertValid, compileSchema } from './validate.js';

export function isMoodleEvent(payload: JsonObject): boolean {
  return 'eventname' in payload;
}

type Meta = Omit<NormalizedEvent, 'type' | 'data'>;
type MoodleMapper = (payload: JsonObject, meta: Meta) => NormalizedEvent;

const validateEnvelope = compileSchema(moodleEnvelopeSchema);
const validateUserGraded = compileSchema(userGradedSchema);
const validateCourseModule = compileSchema(courseModuleSchema);
const validateCourseModuleDeleted = compileSchema(courseModuleDeletedSchema);
const validateUserInCourse = compileSchema(userInCourseSchema);
const validateRoleAssigned = compileSchema(roleAssignedSchema);
const validateQuizAttemptSubmitted = compileSchema(quizAttemptSubmittedSchema);

function checked<T>(validate: ValidateFunction<T>, payload: JsonObject): T {
  assertValid(validate, payload);
  return payload;
}

/** Moodle's CONTEXT_COURSE: only a role given in a course is a course membership. */
const courseContextLevel = '50';

const userGraded: MoodleMapper = (payload, meta) => {
  const event = checked(validateUserGraded, payload);
  return normalizedEvent(
    'grade.updated',
    {
      gradeId: idString(event.objectid),
      userId: idString(event.relateduserid),
      // The grade item: Moodle's gradebook column for the activity (or a manual item).
      resourceLinkId: idString(event.other.itemid),
      contextId: idString(event.courseid),
      score: numberOrNull(event.other.finalgrade),
      // The event does not carry the grade item's grademax.
      maxScore: null,
      gradingProgress: null,
      comment: null,
    },
    meta,
  );
};

/** A deleted module's event no longer names the module (its schema does not ask for a name). */
function moduleTitle(other: { modulename: string } | { modulename: string; name: string }): string | null {
  return 'name' in other && typeof other.name === 'string' ? other.name : null;
}

const courseModule =
  (type: 'content.created' | 'content.updated' | 'content.deleted'): MoodleMapper =>
  (payload, meta) => {
    const event = checked(
      type === 'content.deleted' ? validateCourseModuleDeleted : validateCourseModule,
      payload,
    );
    return normalizedEvent(
      type,
      {
        // The course module id (cmid): the same id Moodle's quiz attempts are reported against.
        contentId: idString(event.objectid),
        contentType: event.other.modulename,
        resourceLinkId: null,
        contextId: idString(event.courseid),
        title: moduleTitle(event.other),
        url: null,
        body: null,
      },
      meta,
    );
  };

const courseCompleted: MoodleMapper = (payload, meta) => {
  const event = checked(validateUserInCourse, payload);
  return normalizedEvent(
    'course.completed',
    { userId: idString(event.relateduserid), contextId: idString(event.courseid) },
    meta,
  );
};

/** An enrolment carries no role (roles arrive as role_assigned) and no state beyond its own existence. */
const userEnrolment =
  (type: 'member.added' | 'member.removed'): MoodleMapper =>
  (payload, meta) => {
    const event = checked(validateUserInCourse, payload);
    return normalizedEvent(
      type,
      { contextId: idString(event.courseid), userId: idString(event.relateduserid), roles: [], status: null },
      meta,
    );
  };

/**
 * A role given in a course updates the member's roles: Moodle enrols first (user_enrolment_created, which is the
 * member.added) and assigns the role right after, so mapping this to member.added would add everyone twice.
 * The event names the role by id only.
 */
const roleAssigned: MoodleMapper = (payload, meta) => {
  const event = checked(validateRoleAssigned, payload);
  if (idString(event.contextlevel) !== courseContextLevel) {
    // Authentic and well-formed, only outside what Inlet maps: kept on the unmapped topic (202), not refused.
    throw unknownEventType(
      `Moodle event '${String(meta.sourceEventName)}' is mapped only for course contexts (contextlevel 50)`,
      '/contextlevel',
      { eventName: String(meta.sourceEventName), senderEventId: meta.senderEventId },
    );
  }
  return normalizedEvent(
    'member.updated',
    {
      contextId: idString(event.courseid),
      userId: idString(event.relateduserid),
      roles: [idString(event.objectid)],
      status: null,
    },
    meta,
  );
};

const quizAttemptSubmitted: MoodleMapper = (payload, meta) => {
  const event = checked(validateQuizAttemptSubmitted, payload);
  return normalizedEvent(
    'assessment.submitted',
    {
      userId: idString(event.relateduserid),
      // The quiz's course module id, the contentId its course_module_created gave it.
      assessmentId: idString(event.contextinstanceid),
      contextId: idString(event.courseid),
      submissionId: idString(event.objectid),
      score: null,
      maxScore: null,
      attempt: null,
    },
    meta,
  );
};

/** Keyed by class name without the leading backslash. */
const mappers: Record<string, MoodleMapper> = {
  'core\\event\\user_graded': userGraded,
  'core\\event\\course_module_created': courseModule('content.created'),
  'core\\event\\course_module_updated': courseModule('content.updated'),
  'core\\event\\course_module_deleted': courseModule('content.deleted'),
  'core\\event\\course_completed': courseCompleted,
  'core\\event\\user_enrolment_created': userEnrolment('member.added'),
  'core\\event\\user_enrolment_deleted': userEnrolment('member.removed'),
  'core\\event\\role_assigned': roleAssigned,
  'mod_quiz\\event\\attempt_submitted': quizAttemptSubmitted,
};

export const mappedMoodleEvents: readonly string[] = Object.keys(mappers).map((name) => `\\${name}`);

export function normalizeMoodle(payload: JsonObject): NormalizedEvent {
  assertValid(validateEnvelope, payload);
  const name = payload.eventname.replace(/^\\/, '');
  // Moodle's own spelling, with the leading backslash, whichever way the plugin wrote it.
  const sourceEventName = `\\${name}`;
  const mapper = Object.hasOwn(mappers, name) ? mappers[name] : undefined;
  if (!mapper) {
    throw unknownEventType(
      `Moodle event '${sourceEventName}' is not mapped by Inlet; mapped: ${mappedMoodleEvents.join(', ')}`,
      '/eventname',
      { eventName: sourceEventName, senderEventId: optionalId(payload.id) },
    );
  }
  return mapper(payload, {
    occurredAt: epochSecondsToMs(payload.timecreated),
    sourceEventName,
    senderEventId: optionalId(payload.id),
  });
}
