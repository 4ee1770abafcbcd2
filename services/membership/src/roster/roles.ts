/**
 * What a member does in a course, whatever the sender called it. The order is the order normalized roles are
 * listed in (most common first), so two members with the same roles always show the same list.
 */
export const normalizedRoles = [
  'learner',
  'instructor',
  'teaching_assistant',
  'content_developer',
  'mentor',
  'observer',
  'administrator',
  'other',
] as const;

export type NormalizedRole = (typeof normalizedRoles)[number];

// Bare names, compared lower-cased: LTI's short context role names, Canvas enrollment types, Moodle role
// shortnames, and our own normalized names (course.enrolled grants 'learner'). Where two vocabularies use
// the same word, Moodle's meaning wins: Moodle's 'teacher' is the non-editing teacher, a teaching assistant
// (its editing teacher is 'editingteacher'). A Map, not an object: a role named 'constructor' or '__proto__'
// must not find Object.prototype's.
const names = new Map<string, NormalizedRole>(
  Object.entries({
    // LTI short names (LTI 1.3 allows them for context roles; older platforms send them)
    learner: 'learner',
    instructor: 'instructor',
    teachingassistant: 'teaching_assistant',
    contentdeveloper: 'content_developer',
    mentor: 'mentor',
    administrator: 'administrator',
    manager: 'administrator',
    // Canvas enrollment types. StudentViewEnrollment is Canvas's "Test Student", a teacher's preview: not a
    // learner, so it must not count in rosters of learners.
    studentenrollment: 'learner',
    teacherenrollment: 'instructor',
    taenrollment: 'teaching_assistant',
    designerenrollment: 'content_developer',
    observerenrollment: 'observer',
    studentviewenrollment: 'other',
    // Moodle role shortnames (the archetypes of a default installation)
    student: 'learner',
    editingteacher: 'instructor',
    teacher: 'teaching_assistant',
    coursecreator: 'content_developer',
    guest: 'observer',
    // our own names
    teaching_assistant: 'teaching_assistant',
    content_developer: 'content_developer',
    observer: 'observer',
  } satisfies Record<string, NormalizedRole>),
);

/**
 * Moodle's role_assigned names a role by its id only. These are the ids of a default Moodle installation
 * (mdl_role): a site that added or renumbered roles sends ids this table cannot know, which become 'other'
 * (the raw id is kept, so they can be re-read once the site's table is known).
 */
const moodleRoleIds = new Map<string, NormalizedRole>(
  Object.entries({
    '1': 'administrator', // manager
    '2': 'content_developer', // coursecreator
    '3': 'instructor', // editingteacher
    '4': 'teaching_assistant', // teacher (non-editing)
    '5': 'learner', // student
    '6': 'observer', // guest
    '7': 'other', // user (authenticated user: a site role, not a course role)
    '8': 'other', // frontpage
  } satisfies Record<string, NormalizedRole>),
);

const ltiV2 = 'http://purl.imsglobal.org/vocab/lis/v2/';
const ltiV1 = 'urn:lti:';

/**
 * Normalizes one role as a sender gave it. Never fails: what no mapping knows is 'other'.
 *
 * - LTI 1.3 context roles: `http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor`, sub-roles
 *   `…/membership/Instructor#TeachingAssistant`, and the `…/membership#Instructor#TeachingAssistant` spelling.
 * - LTI 1.1 roles: `urn:lti:role:ims/lis/Learner`, `urn:lti:role:ims/lis/Instructor/TeachingAssistant`.
 * - LTI institution and system roles (`…/v2/institution/person#…`, `urn:lti:instrole:…`, `urn:lti:sysrole:…`)
 *   say who a person is in the institution, not in this course: only Administrator (and SysAdmin) is kept,
 *   because a platform administrator administers every course; the rest are 'other'.
 * - Short names, Canvas enrollment types, Moodle shortnames and Moodle role ids (see the tables above).
 */
export function normalizeRole(raw: string): NormalizedRole {
  const role = raw.trim();
  const lower = role.toLowerCase();
  if (lower.startsWith(ltiV2)) return fromLtiV2(lower.slice(ltiV2.length));
  if (lower.startsWith(ltiV1)) return fromLtiV1(lower.slice(ltiV1.length));
  if (/^\d+$/.test(lower)) return moodleRoleIds.get(String(Number(lower))) ?? 'other';
  return names.get(lower) ?? fromContextRolePath(lower);
}

/** The distinct normalized roles of a member, in the order of `normalizedRoles`. */
export function normalizeRoles(raw: readonly string[]): NormalizedRole[] {
  const found = new Set(raw.map(normalizeRole));
  return normalizedRoles.filter((role) => found.has(role));
}

/** `membership#Learner`, `membership/instructor#teachingassistant`, `institution/person#administrator` ... */
function fromLtiV2(rest: string): NormalizedRole {
  if (rest.startsWith('membership')) return fromContextRolePath(rest.slice('membership'.length));
  if (rest.startsWith('institution/') || rest.startsWith('system/')) return fromPersonRole(rest);
  return 'other';
}

/** `role:ims/lis/learner`, `role:ims/lis/instructor/teachingassistant`, `instrole:ims/lis/administrator` ... */
function fromLtiV1(rest: string): NormalizedRole {
  if (rest.startsWith('role:ims/lis/')) return fromContextRolePath(rest.slice('role:ims/lis/'.length));
  if (rest.startsWith('instrole:') || rest.startsWith('sysrole:')) return fromPersonRole(rest);
  return 'other';
}

/** An institution or system role: only an administrator of the platform has a role in every course. */
function fromPersonRole(rest: string): NormalizedRole {
  const name = rest.split(/[/#]/).at(-1);
  return name === 'administrator' || name === 'sysadmin' ? 'administrator' : 'other';
}

/**
 * A context role as principal role and optional sub-role, separated by `/` or `#` (both spellings are in
 * use). The principal decides, except that a teaching assistant or a grader under Instructor assists rather
 * than teaches.
 */
function fromContextRolePath(path: string): NormalizedRole {
  const [principal, sub] = path.split(/[/#]/).filter((part) => part.length > 0);
  if (principal === undefined) return 'other';
  if (sub !== undefined && (sub.startsWith('teachingassistant') || sub === 'grader')) {
    return 'teaching_assistant';
  }
  return names.get(principal) ?? 'other';
}
