import { describe, expect, it } from 'vitest';
import { normalizeLti } from '../../src/normalize/index.js';
import { expectNormalizeError, fixture, withValue } from './helpers.js';

describe('Moodle events', () => {
  it('maps user_graded to grade.updated; numeric-string ids and a decimal string grade', () => {
    expect(normalizeLti(fixture('moodle/user_graded.json'))).toEqual({
      type: 'grade.updated',
      data: {
        gradeId: '1742',
        userId: '143',
        resourceLinkId: '588',
        contextId: '27',
        score: 82.5,
        maxScore: null,
        gradingProgress: null,
        comment: null,
      },
      occurredAt: 1710428966000,
      sourceEventName: '\\core\\event\\user_graded',
      senderEventId: null,
    });
  });

  it('gives the same canonical event whether Moodle sends ids as numbers or numeric strings', () => {
    const numeric = fixture('moodle/user_graded.json');
    Object.assign(numeric, { objectid: 1742, relateduserid: 143, courseid: 27, timecreated: '1710428966' });
    Object.assign(numeric.other as object, { itemid: 588, finalgrade: 82.5 });
    expect(normalizeLti(numeric)).toEqual(normalizeLti(fixture('moodle/user_graded.json')));
  });

  it('maps a cleared grade to a null score', () => {
    expect(normalizeLti(withValue('moodle/user_graded.json', '/other/finalgrade', null)).data).toMatchObject({
      score: null,
    });
  });

  it('accepts the event name without its leading backslash', () => {
    const event = normalizeLti(
      withValue('moodle/user_graded.json', '/eventname', 'core\\event\\user_graded'),
    );
    expect(event.sourceEventName).toBe('\\core\\event\\user_graded');
    expect(event.type).toBe('grade.updated');
  });

  it('maps course_module_created to content.created (numeric ids become strings)', () => {
    expect(normalizeLti(fixture('moodle/course_module_created.json'))).toEqual({
      type: 'content.created',
      data: {
        contentId: '912',
        contentType: 'quiz',
        resourceLinkId: null,
        contextId: '27',
        title: 'Week 3 check-in quiz',
        url: null,
        body: null,
      },
      occurredAt: 1709312564000,
      sourceEventName: '\\core\\event\\course_module_created',
      senderEventId: null,
    });
  });

  it('maps course_module_updated to content.updated and course_module_deleted to content.deleted', () => {
    const updated = withValue(
      'moodle/course_module_created.json',
      '/eventname',
      '\\core\\event\\course_module_updated',
    );
    expect(normalizeLti(updated).type).toBe('content.updated');
    expect(normalizeLti(fixture('moodle/course_module_deleted.json'))).toEqual({
      type: 'content.deleted',
      data: {
        contentId: '912',
        contentType: 'quiz',
        resourceLinkId: null,
        contextId: '27',
        title: null,
        url: null,
        body: null,
      },
      occurredAt: 1712000000000,
      sourceEventName: '\\core\\event\\course_module_deleted',
      senderEventId: null,
    });
  });

  it('maps course_completed to course.completed', () => {
    expect(normalizeLti(fixture('moodle/course_completed.json'))).toEqual({
      type: 'course.completed',
      data: { userId: '143', contextId: '27' },
      occurredAt: 1716232286000,
      sourceEventName: '\\core\\event\\course_completed',
      senderEventId: null,
    });
  });

  it('maps user_enrolment_created to member.added without roles, and user_enrolment_deleted to member.removed', () => {
    expect(normalizeLti(fixture('moodle/user_enrolment_created.json'))).toEqual({
      type: 'member.added',
      data: { contextId: '27', userId: '143', roles: [], status: null },
      occurredAt: 1704730833000,
      sourceEventName: '\\core\\event\\user_enrolment_created',
      senderEventId: null,
    });
    const deleted = withValue(
      'moodle/user_enrolment_created.json',
      '/eventname',
      '\\core\\event\\user_enrolment_deleted',
    );
    expect(normalizeLti(deleted).type).toBe('member.removed');
  });

  it('maps a course role_assigned to member.updated with the role id', () => {
    expect(normalizeLti(fixture('moodle/role_assigned.json'))).toEqual({
      type: 'member.updated',
      data: { contextId: '27', userId: '143', roles: ['5'], status: null },
      occurredAt: 1704730833000,
      sourceEventName: '\\core\\event\\role_assigned',
      senderEventId: null,
    });
  });

  it('does not map a role given outside a course, and marks it to be kept unmapped', () => {
    const error = expectNormalizeError(
      () => normalizeLti(withValue('moodle/role_assigned.json', '/contextlevel', 10)),
      { code: 'INLET_UNKNOWN_EVENT_TYPE', field: '/contextlevel' },
    );
    expect(error.unknownEvent).toMatchObject({ eventName: '\\core\\event\\role_assigned' });
  });

  it('maps a quiz attempt_submitted to assessment.submitted against the quiz course module', () => {
    expect(normalizeLti(fixture('moodle/quiz_attempt_submitted.json'))).toEqual({
      type: 'assessment.submitted',
      data: {
        userId: '143',
        assessmentId: '912',
        contextId: '27',
        submissionId: '7781',
        score: null,
        maxScore: null,
        attempt: null,
      },
      occurredAt: 1710246068000,
      sourceEventName: '\\mod_quiz\\event\\attempt_submitted',
      senderEventId: null,
    });
  });

  it('uses a top-level id as the sender event id when a plugin adds one', () => {
    expect(normalizeLti(withValue('moodle/course_completed.json', '/id', 99812)).senderEventId).toBe('99812');
  });

  it('answers an event Inlet does not map with INLET_UNKNOWN_EVENT_TYPE naming it, to be kept unmapped', () => {
    const error = expectNormalizeError(() => normalizeLti(fixture('moodle/course_viewed.json')), {
      code: 'INLET_UNKNOWN_EVENT_TYPE',
      field: '/eventname',
      message: "Moodle event '\\core\\event\\course_viewed' is not mapped by Inlet",
    });
    expect(error.unknownEvent).toEqual({ eventName: '\\core\\event\\course_viewed', senderEventId: null });
  });

  it('refuses a malformed event name without echoing it', () => {
    const error = expectNormalizeError(
      () => normalizeLti(withValue('moodle/user_graded.json', '/eventname', 'user graded by Ada')),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/eventname',
      },
    );
    expect(error.message).not.toContain('Ada');
  });

  it('refuses non-numeric ids and missing required fields, pointing at them', () => {
    expectNormalizeError(() => normalizeLti(withValue('moodle/user_graded.json', '/relateduserid', 'ada')), {
      code: 'INLET_INVALID_EVENT',
      field: '/relateduserid',
      message: '/relateduserid must be a numeric id',
    });
    expectNormalizeError(
      () => normalizeLti(withValue('moodle/user_graded.json', '/other/itemid', undefined)),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/other/itemid',
        message: '/other/itemid is required',
      },
    );
    expectNormalizeError(
      () => normalizeLti(withValue('moodle/user_graded.json', '/other/finalgrade', 'A+')),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/other/finalgrade',
        message: '/other/finalgrade must be a number',
      },
    );
    expectNormalizeError(() => normalizeLti(withValue('moodle/course_module_created.json', '/other', [])), {
      code: 'INLET_INVALID_EVENT',
      field: '/other',
      message: '/other must be object',
    });
  });
});
