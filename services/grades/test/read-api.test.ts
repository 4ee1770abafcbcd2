import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  describeReadApiOperations,
  expectProblem,
  readAllPages,
  useReadApi,
} from '@inlet/service-kit/testing';
import { grades } from '../src/service.js';
import { eventApplier } from './helpers/apply.js';
import { at, courseEvent, gradeEvent, moduleEvent, submissionEvent } from './helpers/events.js';

describeReadApiOperations(grades, { readPath: '/grades?userId=u' });

// The read API via inject() against the real database, filled by the real handlers.
describe('read API', () => {
  const userId = `user-${randomUUID()}`;

  const { get } = useReadApi(grades, (db) =>
    eventApplier(db.pool).apply(
      gradeEvent(
        'grade.created',
        { userId, resourceLinkId: 'quiz-1', score: 8, maxScore: 10 },
        { occurredAt: at(10) },
      ),
      gradeEvent(
        'grade.created',
        { userId, resourceLinkId: 'essay-1', score: 45, maxScore: 50, comment: 'clear' },
        { occurredAt: at(30) },
      ),
      gradeEvent(
        'grade.created',
        { userId, resourceLinkId: 'lab-1', contextId: 'course-2', score: 3, maxScore: 4 },
        { occurredAt: at(20) },
      ),
      gradeEvent(
        'grade.created',
        { userId, resourceLinkId: 'unit/7', score: 1, maxScore: 1 },
        { occurredAt: at(5) },
      ),
      gradeEvent(
        'grade.created',
        { userId, resourceLinkId: 'old-1', score: 1, maxScore: 2 },
        { occurredAt: at(1) },
      ),
      gradeEvent('grade.deleted', { userId, resourceLinkId: 'old-1' }, { occurredAt: at(40) }),
      gradeEvent('grade.created', { userId: 'someone-else', resourceLinkId: 'quiz-1', score: 1 }),
      moduleEvent({ userId, moduleId: 'm-1' }, { occurredAt: at(10) }),
      moduleEvent({ userId, moduleId: 'm-2', contextId: 'course-2' }, { occurredAt: at(20) }),
      submissionEvent(
        { userId, assessmentId: 'quiz-1', submissionId: 's-1', attempt: 1, score: 8, maxScore: 10 },
        { occurredAt: at(9) },
      ),
      courseEvent({ userId, contextId: 'course-1' }, { occurredAt: at(50) }),
    ),
  );
  const linksOf = (body: { items: { resourceLinkId: string }[] }) =>
    body.items.map((item) => item.resourceLinkId);

  describe('GET /grades', () => {
    it("lists a learner's grades, most recently changed first, without tombstones", async () => {
      const response = await get(`/grades?userId=${userId}`);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(linksOf(body)).toEqual(['essay-1', 'lab-1', 'quiz-1', 'unit/7']);
      expect(body.nextCursor).toBeNull();
      expect(body.items[0]).toEqual({
        userId,
        resourceLinkId: 'essay-1',
        contextId: 'course-1',
        gradeId: null,
        score: 45,
        maxScore: 50,
        percentage: 90,
        gradingProgress: null,
        comment: 'clear',
        deleted: false,
        lastEventId: expect.any(String),
        lastEventType: 'grade.created',
        lastEventAt: new Date(at(30)).toISOString(),
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
    });

    it('includeDeleted=true adds tombstones; contextId narrows to one course', async () => {
      expect(linksOf((await get(`/grades?userId=${userId}&includeDeleted=true`)).json())).toEqual([
        'old-1',
        'essay-1',
        'lab-1',
        'quiz-1',
        'unit/7',
      ]);
      expect(linksOf((await get(`/grades?userId=${userId}&contextId=course-2`)).json())).toEqual(['lab-1']);
      expect((await get(`/grades?userId=nobody`)).json()).toEqual({ items: [], nextCursor: null });
    });

    it('pages with limit and the cursor it returns, without skipping or repeating', async () => {
      const { pages, items } = await readAllPages<{ resourceLinkId: string }>(
        get,
        `/grades?userId=${userId}&includeDeleted=true&limit=2`,
      );
      expect(pages).toBe(3);
      expect(linksOf({ items })).toEqual(['old-1', 'essay-1', 'lab-1', 'quiz-1', 'unit/7']);
    });

    it.each([
      ['no userId', '/grades', '/querystring/userId'],
      ['limit over the maximum', `/grades?userId=u&limit=201`, '/querystring/limit'],
      ['limit zero', `/grades?userId=u&limit=0`, '/querystring/limit'],
      [
        'includeDeleted not a boolean',
        `/grades?userId=u&includeDeleted=maybe`,
        '/querystring/includeDeleted',
      ],
    ])('400 problem+json for a bad query: %s', async (_case, url, field) => {
      const response = await get(url);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({
        status: 400,
        code: 'INLET_REQUEST_INVALID',
        field,
        instance: '/grades',
      });
    });

    it('400 for a cursor this API did not give out', async () => {
      const response = await get(`/grades?userId=${userId}&cursor=not-a-cursor`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'INLET_CURSOR_INVALID', field: '/querystring/cursor' });
    });
  });

  describe('GET /grades/:userId/:resourceLinkId', () => {
    it('answers one grade; a resource link id with a slash travels encoded', async () => {
      const response = await get(`/grades/${userId}/quiz-1`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ resourceLinkId: 'quiz-1', score: 8, percentage: 80 });
      expect((await get(`/grades/${userId}/${encodeURIComponent('unit/7')}`)).json()).toMatchObject({
        resourceLinkId: 'unit/7',
      });
    });

    it('404 problem+json for a grade that does not exist', async () => {
      const response = await get(`/grades/${userId}/never-graded`);
      expectProblem(response, {
        status: 404,
        code: 'INLET_GRADE_NOT_FOUND',
        detail: 'no grade for this user and resource link',
        instance: `/grades/${userId}/never-graded`,
      });
    });

    it('404 for a deleted grade, unless includeDeleted=true asks for the tombstone', async () => {
      expect((await get(`/grades/${userId}/old-1`)).statusCode).toBe(404);
      const tombstone = await get(`/grades/${userId}/old-1?includeDeleted=true`);
      expect(tombstone.statusCode).toBe(200);
      expect(tombstone.json()).toMatchObject({ deleted: true, score: null, lastEventType: 'grade.deleted' });
    });
  });

  describe('GET /progress/:userId', () => {
    it('modules, assessments and courses, most recent first', async () => {
      const response = await get(`/progress/${userId}`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        userId,
        modules: [
          { moduleId: 'm-2', contextId: 'course-2', completedAt: new Date(at(20)).toISOString() },
          { moduleId: 'm-1', contextId: 'course-1', completedAt: new Date(at(10)).toISOString() },
        ],
        assessments: [
          {
            assessmentId: 'quiz-1',
            submissionId: 's-1',
            contextId: 'course-1',
            score: 8,
            maxScore: 10,
            attempt: 1,
            submittedAt: new Date(at(9)).toISOString(),
          },
        ],
        courses: [{ contextId: 'course-1', completedAt: new Date(at(50)).toISOString() }],
      });
    });

    it('contextId narrows to one course; a learner never heard of has empty lists', async () => {
      const narrowed = (await get(`/progress/${userId}?contextId=course-2`)).json();
      expect(narrowed.modules.map((m: { moduleId: string }) => m.moduleId)).toEqual(['m-2']);
      expect(narrowed.assessments).toEqual([]);
      expect(narrowed.courses).toEqual([]);
      expect((await get('/progress/nobody')).json()).toEqual({
        userId: 'nobody',
        modules: [],
        assessments: [],
        courses: [],
      });
    });
  });
});
