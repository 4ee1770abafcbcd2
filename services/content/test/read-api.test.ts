import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type ConsumerHealth } from '../src/app.js';
import type { Queryable } from '../src/db.js';
import { createMetrics } from '../src/metrics.js';
import { eventApplier } from './helpers/apply.js';
import { createMigratedDatabase, type MigratedDatabase } from './helpers/database.js';
import { at, behaviorEvent, contentEvent, deepLinkEvent } from './helpers/events.js';

// The read API via inject() against the real database, filled by the real handlers.
describe('read API', () => {
  let db: MigratedDatabase;
  let app: FastifyInstance;
  let consumer: ConsumerHealth = { running: true };
  // Unique per run, so nothing else in the database matches the search words below.
  const course = `course-${randomUUID()}`;
  const otherCourse = `course-${randomUUID()}`;
  const id = (name: string) => `${name}-${course}`;
  const userId = `user-${randomUUID()}`;
  const day1 = Date.parse('2026-11-23T10:00:00.000Z');
  const day2 = Date.parse('2026-11-24T10:00:00.000Z');

  beforeAll(async () => {
    db = await createMigratedDatabase();
    app = await buildApp({ pool: db.pool, consumerStatus: () => consumer, metrics: createMetrics() });
    const { apply } = eventApplier(db.pool);
    const inCourse = { contextId: course };
    await apply(
      contentEvent(
        'content.created',
        {
          ...inCourse,
          contentId: id('a1'),
          contentType: 'assignment',
          title: 'Cell Structure Lab Report',
          url: 'https://school.example/courses/565/assignments/355',
          resourceLinkId: 'rl-355',
          body: '<p>Describe the organelles you observed under the microscope.</p>',
        },
        { occurredAt: at(10) },
      ),
      contentEvent(
        'content.created',
        {
          ...inCourse,
          contentId: id('d1'),
          contentType: 'discussion_topic',
          title: 'Week 3: Organelles',
          body: '<h3>Week 3</h3><p>Which organelle surprised you most, and why?</p>',
        },
        { occurredAt: at(20) },
      ),
      contentEvent(
        'content.created',
        {
          ...inCourse,
          contentId: id('p1'),
          contentType: 'page',
          title: 'Photosynthesis explained',
          body: 'Plants turn light into sugar.<script>alert(1)</script> Tom &amp; Jerry say a &lt;b&gt; tag is not bold.',
        },
        { occurredAt: at(30) },
      ),
      contentEvent(
        'content.created',
        { ...inCourse, contentId: id('q1'), contentType: 'quiz', title: 'Week 3 check-in quiz' },
        { occurredAt: at(40) },
      ),
      contentEvent(
        'content.created',
        { ...inCourse, contentId: id('unit/7'), contentType: 'page', title: 'Unit seven' },
        { occurredAt: at(5) },
      ),
      contentEvent(
        'content.created',
        { ...inCourse, contentId: id('old1'), title: 'Mitochondria notes', body: 'organelles' },
        { occurredAt: at(1) },
      ),
      contentEvent('content.deleted', { ...inCourse, contentId: id('old1') }, { occurredAt: at(50) }),
      contentEvent(
        'content.created',
        {
          contextId: otherCourse,
          contentId: id('x1'),
          title: 'Organelles essay',
          body: 'Organelles, organelles everywhere.',
        },
        { occurredAt: at(15) },
      ),
      deepLinkEvent(
        {
          linkId: id('dl-1'),
          contextId: course,
          configuration: '{"title":"Cells quiz","questionCount":10,"shuffle":true}',
        },
        { occurredAt: at(60) },
      ),
      behaviorEvent(userId, [
        ['view', 'lesson:photosynthesis', day1],
        ['view', 'lesson:photosynthesis', day2],
        ['view', 'lesson:photosynthesis', day2 + 1000],
        ['click', 'button#show-hint', day2 + 2000],
        ['interaction', 'lesson:photosynthesis', day2 + 3000],
      ]),
    );
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });
  const idsOf = (body: { items: { contentId: string }[] }) =>
    body.items.map((item) => item.contentId.replace(`-${course}`, ''));
  const expectProblem = (
    response: Awaited<ReturnType<typeof get>>,
    status: number,
    problem: Record<string, unknown>,
  ) => {
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status, ...problem });
  };

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
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response = await get(
          `/contexts/${course}/content?includeDeleted=true&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(response.statusCode).toBe(200);
        const body = response.json();
        seen.push(...idsOf(body));
        cursor = body.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(['old1', 'q1', 'p1', 'd1', 'a1', 'unit/7']);
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

  describe('GET /search', () => {
    const search = async (query: string) => {
      const response = await get(`/search?${query}`);
      expect(response.statusCode).toBe(200);
      return response.json() as { items: Record<string, unknown>[] };
    };

    it('ranks title matches above body matches, never returns tombstones, and highlights the matches', async () => {
      const body = await search(`q=organelles&contextId=${course}`);
      expect(idsOf(body as never)).toEqual(['d1', 'a1']);
      expect(body.items[0]).toEqual({
        contentId: id('d1'),
        contextId: course,
        contentType: 'discussion_topic',
        title: 'Week 3: Organelles',
        url: null,
        resourceLinkId: null,
        lastEventAt: new Date(at(20)).toISOString(),
        rank: expect.any(Number),
        titleHighlight: 'Week 3: <mark>Organelles</mark>',
        // Fragments end at their last indexed word: the stop words after it are left out.
        snippet: 'Week 3 Which <mark>organelle</mark> surprised you most',
      });
      expect(body.items[0]!.rank).toBeGreaterThan(body.items[1]!.rank as number);
      expect(body.items[1]).toMatchObject({
        titleHighlight: 'Cell Structure Lab Report',
        snippet: 'Describe the <mark>organelles</mark> you observed under the microscope',
      });
    });

    it('searches every course without contextId; type and limit narrow it', async () => {
      const everywhere = await search('q=organelles');
      expect(idsOf(everywhere as never)).toEqual(expect.arrayContaining(['d1', 'a1', 'x1']));
      expect(idsOf(everywhere as never)).not.toContain('old1');
      expect(idsOf((await search(`q=organelles&type=assignment&contextId=${course}`)) as never)).toEqual([
        'a1',
      ]);
      expect((await search(`q=organelles&contextId=${course}&limit=1`)).items).toHaveLength(1);
    });

    it('understands web-search syntax: "phrases", or, -exclusions', async () => {
      const ids = async (q: string) =>
        idsOf((await search(`q=${encodeURIComponent(q)}&contextId=${course}`)) as never);
      expect(await ids('"lab report"')).toEqual(['a1']);
      expect(await ids('organelles -microscope')).toEqual(['d1']);
      expect((await ids('photosynthesis or microscope')).sort()).toEqual(['a1', 'p1']);
    });

    it('snippets are escaped HTML: the only tags in them are the highlights', async () => {
      const [hit] = (await search(`q=bold&contextId=${course}`)).items;
      expect(hit!.snippet).toBe(
        'Plants turn light into sugar. Tom &amp; Jerry say a &lt;b&gt; tag is not <mark>bold</mark>',
      );
    });

    it.each(['"unclosed', '-', 'or or', '!!! :* & | ( ) <-> \\', 'the', "'; DROP TABLE content.catalog; --"])(
      'an odd query (%s) answers 200, never 500',
      async (q) => {
        const response = await get(`/search?q=${encodeURIComponent(q)}`);
        expect(response.statusCode).toBe(200);
        expect(Array.isArray(response.json().items)).toBe(true);
      },
    );

    it('a query of only stop words or punctuation matches nothing', async () => {
      expect((await search('q=the')).items).toEqual([]);
      expect((await search(`q=${encodeURIComponent('!!!')}`)).items).toEqual([]);
    });

    it.each([
      ['no q', '/search', '/querystring/q'],
      ['an empty q', '/search?q=', '/querystring/q'],
      ['a blank q', `/search?q=${encodeURIComponent('   ')}`, '/querystring/q'],
      ['limit over the maximum', '/search?q=cells&limit=51', '/querystring/limit'],
    ])('400 problem+json for %s', async (_case, url, field) => {
      expectProblem(await get(url), 400, { code: 'INLET_REQUEST_INVALID', field, instance: '/search' });
    });
  });

  describe('GET /deep-links/:linkId', () => {
    it('answers the link with its configuration object', async () => {
      const response = await get(`/deep-links/${id('dl-1')}`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        linkId: id('dl-1'),
        resourceType: 'assessment',
        contextId: course,
        createdBy: 'instructor-1',
        configuration: { title: 'Cells quiz', questionCount: 10, shuffle: true },
        source: 'test-lti',
        createdAt: new Date(at(60)).toISOString(),
        eventId: expect.any(String),
      });
    });

    it('404 problem+json for a link never created', async () => {
      expectProblem(await get('/deep-links/dl-none'), 404, { code: 'INLET_DEEP_LINK_NOT_FOUND' });
    });
  });

  describe('GET /engagement', () => {
    const lesson = `/engagement/elements/${encodeURIComponent('lesson:photosynthesis')}`;

    it("an element's counters per UTC day, oldest first, with totals", async () => {
      const response = await get(lesson);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        element: 'lesson:photosynthesis',
        from: null,
        to: null,
        days: [
          { day: '2026-11-23', views: 1, clicks: 0, interactions: 0 },
          { day: '2026-11-24', views: 2, clicks: 0, interactions: 1 },
        ],
        totals: { views: 3, clicks: 0, interactions: 1 },
      });
    });

    it('from and to bound the days, both included; an element with "#" travels encoded', async () => {
      expect((await get(`${lesson}?from=2026-11-24&to=2026-11-24`)).json()).toMatchObject({
        from: '2026-11-24',
        to: '2026-11-24',
        days: [{ day: '2026-11-24', views: 2 }],
        totals: { views: 2, clicks: 0, interactions: 1 },
      });
      expect((await get(`${lesson}?to=2026-11-23`)).json().totals).toEqual({
        views: 1,
        clicks: 0,
        interactions: 0,
      });
      expect(
        (await get(`/engagement/elements/${encodeURIComponent('button#show-hint')}`)).json().totals,
      ).toEqual({ views: 0, clicks: 1, interactions: 0 });
    });

    it("a user's counters per UTC day", async () => {
      expect((await get(`/engagement/users/${userId}?from=2026-11-24`)).json()).toEqual({
        userId,
        from: '2026-11-24',
        to: null,
        days: [{ day: '2026-11-24', views: 2, clicks: 1, interactions: 1 }],
        totals: { views: 2, clicks: 1, interactions: 1 },
      });
    });

    it('nothing recorded: 200 with no days, also for a long element name', async () => {
      const nobody = (await get(`/engagement/elements/${'x'.repeat(1000)}`)).json();
      expect(nobody).toMatchObject({ days: [], totals: { views: 0, clicks: 0, interactions: 0 } });
      expect((await get('/engagement/users/nobody')).json().days).toEqual([]);
    });

    it.each([
      ['a day that does not exist', '?from=2026-02-30', 'INLET_REQUEST_INVALID', '/querystring/from'],
      ['a day that is not a date', '?to=yesterday', 'INLET_REQUEST_INVALID', '/querystring/to'],
      ['from after to', '?from=2026-11-25&to=2026-11-24', 'INLET_DATE_RANGE_INVALID', '/querystring/from'],
    ])('400 problem+json for %s', async (_case, query, code, field) => {
      expectProblem(await get(`${lesson}${query}`), 400, { code, field });
      expectProblem(await get(`/engagement/users/${userId}${query}`), 400, { code, field });
    });

    it('400 for an element longer than 1024 characters', async () => {
      expectProblem(await get(`/engagement/elements/${'x'.repeat(1025)}`), 400, {
        code: 'INLET_REQUEST_INVALID',
        field: '/params/element',
      });
    });
  });

  describe('operations', () => {
    it('live always; ready while the consumer runs and the database answers', async () => {
      expect((await get('/health/live')).json()).toEqual({ status: 'ok' });
      consumer = { running: true };
      expect((await get('/health/ready')).json()).toEqual({
        status: 'ready',
        checks: { consumer: 'ok', database: 'ok' },
      });
    });

    it('503 with the reason while the consumer is not running', async () => {
      consumer = { running: false, lastError: 'topic inlet.content.v1 does not exist' };
      try {
        const response = await get('/health/ready');
        expect(response.statusCode).toBe(503);
        expect(response.json()).toEqual({
          status: 'not ready',
          checks: { consumer: 'failing', database: 'ok' },
          reasons: ['consumer: topic inlet.content.v1 does not exist'],
        });
      } finally {
        consumer = { running: true };
      }
    });

    it('503 while the database does not answer; reads fail with a 500 that says nothing about it', async () => {
      const broken: Queryable = {
        query: async () => {
          throw new Error('connect ECONNREFUSED postgres://reader:s3cret@db:5432');
        },
      };
      const cut = await buildApp({
        pool: broken,
        consumerStatus: () => ({ running: true }),
        metrics: createMetrics(),
      });
      try {
        const ready = await cut.inject({ method: 'GET', url: '/health/ready' });
        expect(ready.statusCode).toBe(503);
        expect(ready.json()).toMatchObject({ checks: { database: 'failing', consumer: 'ok' } });

        const read = await cut.inject({ method: 'GET', url: '/search?q=cells' });
        expect(read.statusCode).toBe(500);
        expect(read.json()).toMatchObject({
          code: 'INLET_INTERNAL',
          detail: 'an unexpected error occurred; it has been logged',
        });
        expect(read.body).not.toContain('s3cret');
      } finally {
        await cut.close();
      }
    });

    it('serves Prometheus metrics, and problem+json for unknown routes', async () => {
      const metrics = await get('/metrics');
      expect(metrics.statusCode).toBe(200);
      expect(metrics.body).toContain('inlet_content_http_request_duration_seconds_bucket');
      expect(metrics.body).toContain('inlet_content_process_cpu_seconds_total');

      expectProblem(await get('/nothing-here'), 404, { code: 'INLET_ROUTE_NOT_FOUND' });
    });
  });
});
