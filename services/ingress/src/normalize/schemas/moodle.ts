/**
 * Moodle events as webhook plugins (local_webhooks and the like) post them: the event's get_data() as JSON,
 * `{eventname: "\\core\\event\\user_graded", component, action, target, objecttable, objectid, crud, edulevel,
 * contextid, contextlevel, contextinstanceid, userid, courseid, relateduserid, anonymous, other, timecreated}`.
 * Ids come as numbers or numeric strings (PHP hands database values over as strings); `other` is an object, or
 * `[]`/null when empty (PHP encodes an empty array as a list). The plugin's shared token is removed upstream.
 */
import { moodleId, optionalNativeId } from './common.js';

type Id = string | number;
type Optional<T> = T | null | undefined;

export interface MoodleEnvelope {
  eventname: string;
  /** Epoch SECONDS. */
  timecreated: number | string;
  /** Not part of Moodle's event data; honoured as the sender's event id when a plugin adds one. */
  id?: Optional<Id>;
}

export const moodleEnvelopeSchema = {
  type: 'object',
  required: ['eventname', 'timecreated'],
  properties: {
    eventname: {
      type: 'string',
      maxLength: 200,
      // The class name, with or without its leading backslash: \component\event\name.
      pattern: '^\\\\?[a-z][a-z0-9_]*\\\\event\\\\[a-z][a-z0-9_]*$',
      description: 'a Moodle event class name such as \\core\\event\\user_graded',
    },
    timecreated: { ...moodleId, description: 'epoch seconds' },
    id: optionalNativeId,
  },
};

/** Moodle reads decimals from the database as strings ("85.00000"). */
const moodleDecimal = {
  type: ['number', 'string', 'null'],
  pattern: '^-?[0-9]+(\\.[0-9]+)?$',
  description: 'a number',
};

function moodleEvent(required: string[], properties: Record<string, object> = {}): object {
  const ids = Object.fromEntries(required.filter((key) => key !== 'other').map((key) => [key, moodleId]));
  return { type: 'object', required, properties: { ...ids, ...properties } };
}

export interface MoodleUserGraded {
  objectid: Id;
  relateduserid: Id;
  courseid: Id;
  other: { itemid: Id; finalgrade?: Optional<number | string> };
}

export const userGradedSchema = moodleEvent(['objectid', 'relateduserid', 'courseid', 'other'], {
  other: {
    type: 'object',
    required: ['itemid'],
    properties: { itemid: moodleId, finalgrade: moodleDecimal },
  },
});

export interface MoodleCourseModule {
  objectid: Id;
  courseid: Id;
  other: { modulename: string; name?: Optional<string> };
}

const moduleName = { type: 'string', minLength: 1 };

export const courseModuleSchema = moodleEvent(['objectid', 'courseid', 'other'], {
  other: {
    type: 'object',
    required: ['modulename', 'name'],
    properties: { modulename: moduleName, name: { type: 'string' } },
  },
});

/** A deleted module's event names its module type but no longer its name. */
export const courseModuleDeletedSchema = moodleEvent(['objectid', 'courseid', 'other'], {
  other: { type: 'object', required: ['modulename'], properties: { modulename: moduleName } },
});

export interface MoodleUserInCourse {
  relateduserid: Id;
  courseid: Id;
}

export const userInCourseSchema = moodleEvent(['relateduserid', 'courseid']);

export interface MoodleRoleAssigned extends MoodleUserInCourse {
  /** The role's id; the event does not carry its shortname. */
  objectid: Id;
  contextlevel: Id;
}

export const roleAssignedSchema = moodleEvent(['objectid', 'relateduserid', 'courseid', 'contextlevel']);

export interface MoodleQuizAttemptSubmitted extends MoodleUserInCourse {
  /** The attempt's id. */
  objectid: Id;
  /** The quiz's course module id. */
  contextinstanceid: Id;
}

export const quizAttemptSubmittedSchema = moodleEvent([
  'objectid',
  'relateduserid',
  'courseid',
  'contextinstanceid',
]);
