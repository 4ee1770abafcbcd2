import { describe, expect, it } from 'vitest';
import { readAllPages } from '@inlet/service-kit/testing';
import { at } from './helpers/events.js';
import { useContentFixture } from './helpers/read-api-fixture.js';

// The catalog read API: a course's items a page at a time, and one item with its text.
const { course, id, get, idsOf, expectProblem } = useContentFixture();

describe('GET /contexts/:contextId/content', () => {
  it("lists a course's content, most recently changed first, without tombstones or bodies", async () => {
    const response = await get(`/contexts/${course}/content`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(idsOf(body)).toEqual(['q1', 'p1', 'd1', 'a1', 'unit/7']);
    expect(body.nextCursor).toBeNull();
    expect(body.items[3]).toEqual({
      contentId: id('a1'),
      contextId: course,
      contentType: 'assignment',
      title: 'Cell Structure Lab Report',
      url: 'https://school.example/courses/565/assignments/355',
      resourceLinkId: 'rl-355',
      deleted: false,
      source: 'test-lti',
      lastEventId: expect.any(String),
      lastEventType: 'content.created',
      lastEventAt: new Date(at(10)).toISOString(),
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('includeDeleted=true adds tombstones; type narrows to one content type; an unknown course is empty', async () => {
    expect(idsOf((await get(`/contexts/${course}/content?includeDeleted=true`)).json())).toEqual([
      'old1',
      'q1',
      'p1',
      'd1',
      'a1',
      'unit/7',
    ]);
    expect(idsOf((await get(`/contexts/${course}/content?type=page`)).json())).toEqual(['p1', 'unit/7']);
    expect((await get('/contexts/nowhere/content')).json()).toEqual({ items: [], nextCursor: null });
  });

  it('pages with limit and the cursor it returns, without skipping or repeating', async () => {
    const { pages, items } = await readAllPages<{ contentId: string }>(
      get,
      `/contexts/${course}/content?includeDeleted=true&limit=2`,
    );
    expect(pages).toBe(3);
    expect(idsOf({ items })).toEqual(['old1', 'q1', 'p1', 'd1', 'a1', 'unit/7']);
  });

  it.each([
    ['limit over the maximum', 'limit=201', '/querystring/limit'],
    ['limit zero', 'limit=0', '/querystring/limit'],
    ['includeDeleted not a boolean', 'includeDeleted=maybe', '/querystring/includeDeleted'],
  ])('400 problem+json for a bad query: %s', async (_case, query, field) => {
    expectProblem(await get(`/contexts/${course}/content?${query}`), 400, {
      code: 'INLET_REQUEST_INVALID',
      field,
      instance: `/contexts/${course}/content`,
    });
  });

  it('400 for a cursor this API did not give out', async () => {
    expectProblem(await get(`/contexts/${course}/content?cursor=not-a-cursor`), 400, {
      code: 'INLET_CURSOR_INVALID',
      field: '/querystring/cursor',
    });
  });
});

describe('GET /content/:contentId', () => {
  it('answers one item with its body as sent and the text indexed from it', async () => {
    const response = await get(`/content/${id('d1')}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      contentId: id('d1'),
      contentType: 'discussion_topic',
      body: '<h3>Week 3</h3><p>Which organelle surprised you most, and why?</p>',
      bodyText: 'Week 3 Which organelle surprised you most, and why?',
    });
  });

  it('an id with a slash travels encoded', async () => {
    const response = await get(`/content/${encodeURIComponent(id('unit/7'))}`);
    expect(response.json()).toMatchObject({ contentId: id('unit/7'), body: null, bodyText: null });
  });

  it('404 problem+json for an item never heard of', async () => {
    const response = await get('/content/never-published');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      type: 'https://inlet.dev/problems/inlet-content-not-found',
      title: 'Not Found',
      status: 404,
      detail: 'no content item with this id',
      code: 'INLET_CONTENT_NOT_FOUND',
      instance: '/content/never-published',
    });
  });

  it('404 for a deleted item, unless includeDeleted=true asks for the tombstone', async () => {
    expectProblem(await get(`/content/${id('old1')}`), 404, { code: 'INLET_CONTENT_NOT_FOUND' });
    const tombstone = await get(`/content/${id('old1')}?includeDeleted=true`);
    expect(tombstone.statusCode).toBe(200);
    expect(tombstone.json()).toMatchObject({ deleted: true, body: null, lastEventType: 'content.deleted' });
  });
});
