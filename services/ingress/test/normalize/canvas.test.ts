import { describe, expect, it } from 'vitest';
import { normalizeLti } from '../../src/normalize/index.js';
import { expectNormalizeError, fixture, withValue } from './helpers.js';

describe('Canvas Live Events', () => {
  it('maps a changed grade_change to grade.updated', () => {
    expect(normalizeLti(fixture('canvas/grade_change.json'))).toEqual({
      type: 'grade.updated',
      data: {
        gradeId: '21070000000011086',
        userId: '21070000000000048',
        resourceLinkId: '21070000000000355',
        contextId: '21070000000000565',
        score: 87,
        maxScore: 100,
        gradingProgress: 'FullyGraded',
        comment: null,
      },
      occurredAt: Date.UTC(2024, 2, 14, 15, 9, 26, 535),
      sourceEventName: 'grade_change',
      senderEventId: null,
    });
  });

  it('maps a first grade (no old grade) to grade.created', () => {
    const payload = withValue('canvas/grade_change.json', '/body/old_score', null);
    (payload.body as Record<string, unknown>).old_grade = null;
    expect(normalizeLti(payload).type).toBe('grade.created');
  });

  it('maps a removed grade to grade.deleted with a null score', () => {
    const payload = withValue('canvas/grade_change.json', '/body/score', null);
    (payload.body as Record<string, unknown>).grade = null;
    const event = normalizeLti(payload);
    expect(event.type).toBe('grade.deleted');
    expect(event.data).toMatchObject({ score: null, userId: '21070000000000048' });
  });

  it('reads a partly graded submission as PendingManual and falls back to user_id', () => {
    const payload = withValue('canvas/grade_change.json', '/body/grading_complete', false);
    delete (payload.body as Record<string, unknown>).student_id;
    expect(normalizeLti(payload).data).toMatchObject({
      gradingProgress: 'PendingManual',
      userId: '21070000000000048',
    });
  });

  it('takes the course from metadata only when the metadata context is a course', () => {
    const payload = withValue('canvas/grade_change.json', '/metadata/context_type', 'Group');
    expect(normalizeLti(payload).data).toMatchObject({ contextId: null });
  });

  it('keeps small numeric ids as strings', () => {
    const payload = withValue('canvas/grade_change.json', '/body/assignment_id', 355);
    expect(normalizeLti(payload).data).toMatchObject({ resourceLinkId: '355' });
  });

  it('refuses grade_change naming neither student_id nor user_id', () => {
    const payload = fixture('canvas/grade_change.json');
    const body = payload.body as Record<string, unknown>;
    delete body.student_id;
    delete body.user_id;
    expectNormalizeError(() => normalizeLti(payload), {
      code: 'INLET_INVALID_EVENT',
      field: '/body/student_id',
      message: '/body must have one of: student_id, user_id',
    });
  });

  it('refuses a score that is not a number, pointing into body', () => {
    expectNormalizeError(() => normalizeLti(withValue('canvas/grade_change.json', '/body/score', '87')), {
      code: 'INLET_INVALID_EVENT',
      field: '/body/score',
      message: '/body/score must be number or null',
    });
  });

  it('maps submission_created to assessment.submitted', () => {
    expect(normalizeLti(fixture('canvas/submission_created.json'))).toEqual({
      type: 'assessment.submitted',
      data: {
        userId: '21070000000000048',
        assessmentId: '21070000000000355',
        contextId: '21070000000000565',
        submissionId: '21070000000011086',
        score: null,
        maxScore: null,
        attempt: 2,
      },
      occurredAt: Date.UTC(2024, 2, 12, 22, 41, 8, 119),
      sourceEventName: 'submission_created',
      senderEventId: null,
    });
  });

  it('maps assignment_created to content.created with the LTI resource link', () => {
    expect(normalizeLti(fixture('canvas/assignment_created.json'))).toEqual({
      type: 'content.created',
      data: {
        contentId: '21070000000000355',
        contentType: 'assignment',
        resourceLinkId: 'c9f1a8e2b7d64f03a5e8b1c2d3f4a5b6c7d8e9f0',
        contextId: '21070000000000565',
        title: 'Cell Structure Lab Report',
        url: null,
        body: '<p>Describe the organelles you observed under the microscope.</p>',
      },
      occurredAt: Date.UTC(2024, 2, 1, 17, 2, 44, 870),
      sourceEventName: 'assignment_created',
      senderEventId: null,
    });
  });

  it("maps assignment_updated to content.updated, reading Ruby's time format", () => {
    expect(normalizeLti(fixture('canvas/assignment_updated.json'))).toEqual({
      type: 'content.updated',
      data: {
        contentId: '21070000000000355',
        contentType: 'assignment',
        resourceLinkId: 'c9f1a8e2b7d64f03a5e8b1c2d3f4a5b6c7d8e9f0',
        contextId: '21070000000000565',
        title: 'Cell Structure Lab Report (revised)',
        url: null,
        body: '<p>Describe the organelles you observed. Include a labelled diagram.</p>',
      },
      // "2024-03-02 09:15:00 -0700"
      occurredAt: Date.UTC(2024, 2, 2, 16, 15, 0),
      sourceEventName: 'assignment_updated',
      senderEventId: null,
    });
  });

  it('maps an assignment deleted by update to content.deleted', () => {
    const payload = withValue('canvas/assignment_updated.json', '/body/workflow_state', 'deleted');
    expect(normalizeLti(payload).type).toBe('content.deleted');
  });

  it('maps discussion_topic_created to content.created with the message as body', () => {
    expect(normalizeLti(fixture('canvas/discussion_topic_created.json'))).toEqual({
      type: 'content.created',
      data: {
        contentId: '21070000000066871',
        contentType: 'discussion_topic',
        resourceLinkId: null,
        contextId: '21070000000000565',
        title: 'Week 3: Organelles',
        url: null,
        body: '<h3>Week 3</h3><p>Which organelle surprised you most, and why?</p>',
      },
      occurredAt: Date.UTC(2024, 2, 4, 14, 30, 12, 4),
      sourceEventName: 'discussion_topic_created',
      senderEventId: null,
    });
  });

  it('marks announcements as such', () => {
    const payload = withValue('canvas/discussion_topic_created.json', '/body/is_announcement', true);
    expect(normalizeLti(payload).data).toMatchObject({ contentType: 'announcement' });
  });

  it('maps enrollment_created to member.added with the enrollment type as role', () => {
    expect(normalizeLti(fixture('canvas/enrollment_created.json'))).toEqual({
      type: 'member.added',
      data: {
        contextId: '21070000000000565',
        userId: '21070000000000048',
        roles: ['StudentEnrollment'],
        status: 'invited',
      },
      occurredAt: Date.UTC(2024, 0, 8, 16, 20, 33),
      sourceEventName: 'enrollment_created',
      senderEventId: null,
    });
  });

  it('maps enrollment_updated to member.updated, and to member.removed when deleted', () => {
    expect(normalizeLti(fixture('canvas/enrollment_updated.json'))).toEqual({
      type: 'member.updated',
      data: {
        contextId: '21070000000000565',
        userId: '21070000000000048',
        roles: ['StudentEnrollment'],
        status: 'active',
      },
      occurredAt: Date.UTC(2024, 0, 9, 8, 2, 17, 441),
      sourceEventName: 'enrollment_updated',
      senderEventId: null,
    });
    const deleted = normalizeLti(
      withValue('canvas/enrollment_updated.json', '/body/workflow_state', 'deleted'),
    );
    expect(deleted.type).toBe('member.removed');
    expect(deleted.data).toMatchObject({ status: 'deleted' });
  });

  it('maps course_completed to course.completed from its user and course objects', () => {
    expect(normalizeLti(fixture('canvas/course_completed.json'))).toEqual({
      type: 'course.completed',
      data: { userId: '48', contextId: '565' },
      occurredAt: Date.UTC(2024, 4, 20, 19, 11, 26, 615),
      sourceEventName: 'course_completed',
      senderEventId: null,
    });
  });

  it('uses metadata.event_id as the sender event id when a relay adds one', () => {
    const payload = withValue(
      'canvas/enrollment_created.json',
      '/metadata/event_id',
      '3a1f7c2e-5b9d-4e8a-b6c4-d2f0e1a9b8c7',
    );
    expect(normalizeLti(payload).senderEventId).toBe('3a1f7c2e-5b9d-4e8a-b6c4-d2f0e1a9b8c7');
  });

  it('answers an event Inlet does not map with INLET_UNKNOWN_EVENT_TYPE naming it, to be kept unmapped', () => {
    const error = expectNormalizeError(() => normalizeLti(fixture('canvas/course_progress.json')), {
      code: 'INLET_UNKNOWN_EVENT_TYPE',
      field: '/metadata/event_name',
      message: "Canvas event 'course_progress' is not mapped by Inlet",
    });
    expect(error.unknownEvent).toEqual({ eventName: 'course_progress', senderEventId: null });
  });

  it('refuses an unreadable event_time', () => {
    expectNormalizeError(
      () => normalizeLti(withValue('canvas/grade_change.json', '/metadata/event_time', 'yesterday')),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/metadata/event_time',
        message: '/metadata/event_time must be a date-time',
      },
    );
  });

  it('judges a payload with metadata and body as Canvas even when event_name is missing', () => {
    expectNormalizeError(
      () => normalizeLti(withValue('canvas/grade_change.json', '/metadata/event_name', undefined)),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/metadata/event_name',
        message: '/metadata/event_name is required',
      },
    );
  });

  it('says plainly that the Caliper format is not supported', () => {
    const caliper = {
      sensor: 'https://school.instructure.com/',
      sendTime: '2024-03-14T15:09:26.535Z',
      dataVersion: 'http://purl.imsglobal.org/ctx/caliper/v1p1',
      data: [],
    };
    expectNormalizeError(() => normalizeLti(caliper), {
      code: 'INLET_UNSUPPORTED_EVENT',
      field: '/dataVersion',
    });
  });
});
