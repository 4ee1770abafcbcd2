import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  describeReadApiOperations,
  expectProblem,
  readAllPages,
  useReadApi,
} from '@inlet/service-kit/testing';
import { membership } from '../src/service.js';
import { eventApplier } from './helpers/apply.js';
import { at, enrolledEvent, lti, memberEvent, moodleEnrolment } from './helpers/events.js';

describeReadApiOperations(membership, { readPath: '/contexts/c/members' });

// The read API via inject() against the real database, filled by the real handlers.
describe('read API', () => {
  const course = `course-${randomUUID()}`;
  const other = `course-${randomUUID()}`;

  const { get } = useReadApi(membership, (db) =>
    eventApplier(db.pool).apply(
      memberEvent(
        'member.added',
        { contextId: course, userId: 'ada', roles: [lti.learner] },
        { occurredAt: at(10) },
      ),
      memberEvent(
        'member.added',
        { contextId: course, userId: 'bob', roles: ['StudentEnrollment'], status: 'invited' },
        { occurredAt: at(11), sourceEventName: 'enrollment_created' },
      ),
      memberEvent(
        'member.added',
        { contextId: course, userId: 'cy', roles: [lti.instructor] },
        { occurredAt: at(12) },
      ),
      ...moodleEnrolment('dee', '4', at(13), course),
      enrolledEvent({ contextId: course, userId: 'eve', orderId: 'order-1' }, { occurredAt: at(14) }),
      memberEvent(
        'member.added',
        { contextId: course, userId: 'fay', roles: [lti.learner] },
        { occurredAt: at(1) },
      ),
      memberEvent('member.removed', { contextId: course, userId: 'fay' }, { occurredAt: at(15) }),
      memberEvent(
        'member.added',
        { contextId: course, userId: 'u/7', roles: ['Learner'] },
        { occurredAt: at(16) },
      ),
      // ada's other course
      memberEvent(
        'member.added',
        { contextId: other, userId: 'ada', roles: ['TaEnrollment'], status: 'active' },
        { occurredAt: at(20) },
      ),
    ),
  );
  const usersOf = (body: { items: { userId: string }[] }) => body.items.map((item) => item.userId);
  const roster = `/contexts/${course}/members`;

  describe('GET /contexts/:contextId/members', () => {
    it('the current roster by user id, removed members left out, every field present', async () => {
      const response = await get(roster);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(usersOf(body)).toEqual(['ada', 'bob', 'cy', 'dee', 'eve', 'u/7']);
      expect(body.nextCursor).toBeNull();
      expect(body.items[1]).toEqual({
        contextId: course,
        userId: 'bob',
        roles: ['StudentEnrollment'],
        normalizedRoles: ['learner'],
        status: 'invited',
        senderStatus: 'invited',
        enrolledAt: new Date(at(11)).toISOString(),
        removedAt: null,
        orderId: null,
        lastEventId: expect.any(String),
        lastEventType: 'member.added',
        lastEventAt: new Date(at(11)).toISOString(),
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      expect(body.items[4]).toMatchObject({ userId: 'eve', roles: ['learner'], orderId: 'order-1' });
    });

    it('status and role filter (each repeatable for "any of")', async () => {
      expect(usersOf((await get(`${roster}?status=active&role=learner`)).json())).toEqual([
        'ada',
        'eve',
        'u/7',
      ]);
      expect(usersOf((await get(`${roster}?role=instructor&role=teaching_assistant`)).json())).toEqual([
        'cy',
        'dee',
      ]);
      const removed = (await get(`${roster}?status=removed`)).json();
      expect(removed.items).toEqual([
        expect.objectContaining({
          userId: 'fay',
          status: 'removed',
          enrolledAt: new Date(at(1)).toISOString(),
          removedAt: new Date(at(15)).toISOString(),
          normalizedRoles: ['learner'],
        }),
      ]);
      expect(usersOf((await get(`${roster}?status=invited&status=removed`)).json())).toEqual(['bob', 'fay']);
      expect((await get('/contexts/nobody-teaches-this/members')).json()).toEqual({
        items: [],
        nextCursor: null,
      });
    });

    it('pages with limit and the cursor it returns, without skipping or repeating', async () => {
      const { pages, items } = await readAllPages<{ userId: string }>(get, `${roster}?limit=4`);
      expect(pages).toBe(2);
      expect(usersOf({ items })).toEqual(['ada', 'bob', 'cy', 'dee', 'eve', 'u/7']);
    });

    it.each([
      ['an unknown status', `?status=gone`, '/querystring/status/0'],
      ['an unknown role', `?role=wizard`, '/querystring/role/0'],
      ['limit over the maximum', `?limit=201`, '/querystring/limit'],
      ['limit zero', `?limit=0`, '/querystring/limit'],
    ])('400 problem+json for a bad query: %s', async (_case, query, field) => {
      const response = await get(`${roster}${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({
        status: 400,
        code: 'INLET_REQUEST_INVALID',
        field,
        instance: roster,
      });
    });

    it('400 for a cursor this API did not give out', async () => {
      const response = await get(`${roster}?cursor=not-a-cursor`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'INLET_CURSOR_INVALID', field: '/querystring/cursor' });
    });
  });

  describe('GET /contexts/:contextId/members/:userId', () => {
    it('one member with its history, newest first; an id with a slash travels encoded', async () => {
      const response = await get(`${roster}/dee`);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({
        userId: 'dee',
        roles: ['4'],
        normalizedRoles: ['teaching_assistant'],
        status: 'active',
      });
      expect(body.history.map((event: { type: string }) => event.type).sort()).toEqual([
        'member.added',
        'member.updated',
      ]);
      expect(body.history[0]).toEqual({
        eventId: expect.any(String),
        type: expect.any(String),
        source: 'test-moodle',
        sourceEventName: expect.stringMatching(/^\\core\\event\\/),
        occurredAt: new Date(at(13)).toISOString(),
        roles: expect.any(Array),
        status: null,
        orderId: null,
      });
      expect((await get(`${roster}/${encodeURIComponent('u/7')}`)).json()).toMatchObject({ userId: 'u/7' });
    });

    it('a removed member is answered, with what happened', async () => {
      const body = (await get(`${roster}/fay`)).json();
      expect(body).toMatchObject({ status: 'removed', removedAt: new Date(at(15)).toISOString() });
      expect(body.history.map((event: { type: string }) => event.type)).toEqual([
        'member.removed',
        'member.added',
      ]);
    });

    it('404 problem+json for a user never in the course', async () => {
      const response = await get(`${roster}/zed`);
      expectProblem(response, {
        status: 404,
        code: 'INLET_MEMBER_NOT_FOUND',
        detail: 'no membership of this user in this course',
        instance: `${roster}/zed`,
      });
    });

    it('ids up to 255 characters (of any script) are addressable; a longer one is a 400', async () => {
      const long = 'é'.repeat(255);
      const unknown = await get(`/contexts/${encodeURIComponent(long)}/members/${encodeURIComponent(long)}`);
      expect(unknown.json()).toMatchObject({ code: 'INLET_MEMBER_NOT_FOUND' });
      const response = await get(`${roster}/${'u'.repeat(256)}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'INLET_REQUEST_INVALID', field: '/params/userId' });
    });
  });

  describe('GET /users/:userId/contexts', () => {
    it("a user's courses with roles and status, by course id, filtered and paged like rosters", async () => {
      const body = (await get('/users/ada/contexts')).json();
      expect(body.items.map((item: { contextId: string }) => item.contextId)).toEqual([course, other].sort());
      const inOther = body.items.find((item: { contextId: string }) => item.contextId === other);
      expect(inOther).toMatchObject({
        roles: ['TaEnrollment'],
        normalizedRoles: ['teaching_assistant'],
        status: 'active',
      });

      expect((await get('/users/ada/contexts?role=teaching_assistant')).json().items).toHaveLength(1);
      const first = (await get('/users/ada/contexts?limit=1')).json();
      expect(first.items).toHaveLength(1);
      const second = (await get(`/users/ada/contexts?limit=1&cursor=${first.nextCursor}`)).json();
      expect(second).toMatchObject({ items: [expect.any(Object)], nextCursor: null });
      expect(second.items[0].contextId).not.toBe(first.items[0].contextId);
    });

    it('removed memberships only when asked; an unknown user has none (200, not 404)', async () => {
      expect((await get('/users/fay/contexts')).json()).toEqual({ items: [], nextCursor: null });
      expect((await get('/users/fay/contexts?status=removed')).json().items).toHaveLength(1);
      expect((await get('/users/nobody/contexts')).json()).toEqual({ items: [], nextCursor: null });
    });
  });
});
