/**
 * Moodle events as webhook plugins (local_webhooks and the like) post them: the event's get_data() as JSON,
 * `{eventname: "\\core\\event\\user_graded", component, action, target, objecttable, objectid, crud, edulevel,
 * contextid, contextlevel, contextinstanceid, userid, courseid, relateduserid, anonymous, other, timecreated}`.
 * Ids come as numbers or numeric strings (PHP hands database values over as strings); `other` is an object, or
 * `[]`/null when empty (PHP encodes an empty array as a list). The plugin's shared token is removed upstream.
 */
import Type, { type Static } from 'typebox';
import { moodleId, nullable, optionalNativeId } from './common.js';

export const moodleEnvelopeSchema = Type.Object({
  eventname: Type.String({
    maxLength: 200,
    // The class name, with or without its leading backslash: \component\event\name.
    pattern: '^\\\\?[a-z][a-z0-9_]*\\\\event\\\\[a-z][a-z0-9_]*$',
    description: 'a Moodle event class name such as \\core\\event\\user_graded',
  }),
  /** Epoch SECONDS. */
  timecreated: Type.Unsafe<Static<typeof moodleId>>({ ...moodleId, description: 'epoch seconds' }),
  /** Not part of Moodle's event data; honoured as the sender's event id when a plugin adds one. */
  id: optionalNativeId,
});

/** Moodle reads decimals from the database as strings ("85.00000"). */
const moodleDecimal = nullable(
  Type.Unsafe<number | string>({
    type: ['number', 'string'],
    pattern: '^-?[0-9]+(\\.[0-9]+)?$',
    description: 'a number',
  }),
);

export const userGradedSchema = Type.Object({
  objectid: moodleId,
  relateduserid: moodleId,
  courseid: moodleId,
  other: Type.Object({ itemid: moodleId, finalgrade: Type.Optional(moodleDecimal) }),
});

const moduleName = Type.String({ minLength: 1 });

export const courseModuleSchema = Type.Object({
  objectid: moodleId,
  courseid: moodleId,
  other: Type.Object({ modulename: moduleName, name: Type.String() }),
});

/** A deleted module's event names its module type but no longer its name. */
export const courseModuleDeletedSchema = Type.Object({
  objectid: moodleId,
  courseid: moodleId,
  other: Type.Object({ modulename: moduleName }),
});

export const userInCourseSchema = Type.Object({ relateduserid: moodleId, courseid: moodleId });

export const roleAssignedSchema = Type.Object({
  /** The role's id; the event does not carry its shortname. */
  objectid: moodleId,
  relateduserid: moodleId,
  courseid: moodleId,
  contextlevel: moodleId,
});

export const quizAttemptSubmittedSchema = Type.Object({
  /** The attempt's id. */
  objectid: moodleId,
  relateduserid: moodleId,
  courseid: moodleId,
  /** The quiz's course module id. */
  contextinstanceid: moodleId,
});
