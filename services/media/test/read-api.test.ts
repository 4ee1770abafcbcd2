import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type ConsumerHealth } from '../src/app.js';
import type { Queryable } from '../src/db.js';
import { createMetrics } from '../src/metrics.js';
import { eventApplier, tableFetch } from './helpers/apply.js';
import { createMigratedDatabase, type MigratedDatabase } from './helpers/database.js';
import { at, transcriptionEvent, uploadEvent } from './helpers/events.js';

const lecture = `WEBVTT

00:00:01.000 --> 00:00:04.000
<v Ada>Today we study mitosis, how cells divide.

00:00:04.000 --> 00:00:08.000
First the chromosomes condense.

00:00:08.000 --> 00:00:12.000
Then the spindle pulls the chromatids apart: <b>anaphase</b> & telophase.

00:00:12.000 --> 00:00:15.000
Division ends with two daughter cells.

00:00:15.000 --> 00:00:18.000
Questions about <script>alert(1)</script> mitosis?
`;

const notes = 'Meiosis is a different kind of division.\n\nIt makes four cells, not two.';

// The read API via inject() against the real database, filled by the real handlers.
describe('read API', () => {
  let db: MigratedDatabase;
  let app: FastifyInstance;
  let consumer: ConsumerHealth = { running: true };
  const run = randomUUID().slice(0, 8);
  const lectureVideo = `lecture-${run}`;
  const notesVideo = `notes-${run}`;
  const pendingVideo = `pending-${run}`;
  const transcripts: Record<string, string> = {
    [`https://media.example.com/${lectureVideo}.vtt`]: lecture,
    [`https://media.example.com/${notesVideo}.txt`]: notes,
  };

  beforeAll(async () => {
    db = await createMigratedDatabase();
    app = await buildApp({ pool: db.pool, consumerStatus: () => consumer, metrics: createMetrics() });
    const { apply } = eventApplier(db.pool, tableFetch(transcripts).fetch);
    await apply(
      uploadEvent({ videoId: lectureVideo, title: 'Lecture 4: Mitosis' }, { occurredAt: at(10) }),
      transcriptionEvent(
        {
          videoId: lectureVideo,
          transcriptionUrl: `https://media.example.com/${lectureVideo}.vtt`,
          jobId: 'job-7',
          confidence: 0.94,
          durationSeconds: 18,
        },
        { occurredAt: at(20) },
      ),
      // Transcribed before (without) its upload: a placeholder.
      transcriptionEvent(
        { videoId: notesVideo, transcriptionUrl: `https://media.example.com/${notesVideo}.txt` },
        { occurredAt: at(30) },
      ),
      uploadEvent(
        { videoId: pendingVideo, title: 'Not transcribed yet', metadata: null },
        { occurredAt: at(40) },
      ),
    );
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  describe('GET /videos/:videoId', () => {
    it('the video, its metadata and its transcript status', async () => {
      const response = await get(`/videos/${lectureVideo}`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        videoId: lectureVideo,
        uploaded: true,
        title: 'Lecture 4: Mitosis',
        durationSeconds: 1834.5,
        contentType: 'video/mp4',
        sizeBytes: 734003200,
        url: 'https://media.example.com/videos/v.mp4',
        uploadedBy: 'instructor_12',
        metadata: { resolution: '1920x1080', codec: 'h264' },
        uploadedAt: new Date(at(10)).toISOString(),
        transcript: {
          status: 'transcribed',
          segmentCount: 5,
          jobId: 'job-7',
          confidence: 0.94,
          durationSeconds: 18,
          format: 'webvtt',
          bytes: Buffer.byteLength(lecture),
          source: `https://media.example.com/${lectureVideo}.vtt`,
          transcribedAt: new Date(at(20)).toISOString(),
          fetchedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        },
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
    });

    it('a placeholder (transcribed, upload not seen) and a video whose transcript is pending', async () => {
      expect((await get(`/videos/${notesVideo}`)).json()).toMatchObject({
        uploaded: false,
        title: null,
        metadata: null,
        uploadedAt: null,
        transcript: { status: 'transcribed', segmentCount: 2, format: 'text' },
      });
      expect((await get(`/videos/${pendingVideo}`)).json()).toMatchObject({
        uploaded: true,
        title: 'Not transcribed yet',
        transcript: { status: 'pending', segmentCount: 0, jobId: null, format: null, transcribedAt: null },
      });
    });

    it('404 problem+json for a video no event named', async () => {
      const response = await get('/videos/never-heard-of');
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toEqual({
        type: 'https://inlet.dev/problems/inlet-video-not-found',
        title: 'Not Found',
        status: 404,
        detail: 'no event has named this video',
        code: 'INLET_VIDEO_NOT_FOUND',
        instance: '/videos/never-heard-of',
      });
    });
  });

  describe('GET /videos/:videoId/transcript', () => {
    it('the segments in order, with times and speakers', async () => {
      const body = (await get(`/videos/${lectureVideo}/transcript`)).json();
      expect(body.segmentCount).toBe(5);
      expect(body.nextCursor).toBeNull();
      expect(body.items[0]).toEqual({
        seq: 0,
        startSeconds: 1,
        endSeconds: 4,
        speaker: 'Ada',
        text: 'Today we study mitosis, how cells divide.',
      });
      expect(body.items.map((item: { seq: number }) => item.seq)).toEqual([0, 1, 2, 3, 4]);
    });

    it('pages with limit and the cursor it returns, without skipping or repeating', async () => {
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response = await get(
          `/videos/${lectureVideo}/transcript?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(response.statusCode).toBe(200);
        const body = response.json();
        seen.push(...body.items.map((item: { seq: number }) => item.seq));
        cursor = body.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual([0, 1, 2, 3, 4]);
    });

    it('409 when a newer transcription replaced the transcript a cursor walks', async () => {
      const videoId = `replaced-${run}`;
      const first = `https://media.example.com/${videoId}-1.vtt`;
      const second = `https://media.example.com/${videoId}-2.vtt`;
      const { apply } = eventApplier(db.pool, tableFetch({ [first]: lecture, [second]: notes }).fetch);
      await apply(transcriptionEvent({ videoId, transcriptionUrl: first }, { occurredAt: at(10) }));
      const cursor = (await get(`/videos/${videoId}/transcript?limit=1`)).json().nextCursor;
      await apply(transcriptionEvent({ videoId, transcriptionUrl: second }, { occurredAt: at(20) }));

      const response = await get(`/videos/${videoId}/transcript?limit=1&cursor=${cursor}`);
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({
        code: 'INLET_TRANSCRIPT_REPLACED',
        field: '/querystring/cursor',
      });
    });

    it('404 with distinct codes: no such video, and no transcript yet', async () => {
      expect((await get('/videos/never-heard-of/transcript')).json()).toMatchObject({
        status: 404,
        code: 'INLET_VIDEO_NOT_FOUND',
      });
      expect((await get(`/videos/${pendingVideo}/transcript`)).json()).toMatchObject({
        status: 404,
        code: 'INLET_TRANSCRIPT_NOT_FOUND',
      });
    });

    it.each([
      ['limit over the maximum', '?limit=501', '/querystring/limit'],
      ['limit zero', '?limit=0', '/querystring/limit'],
      ['a cursor this API did not give out', '?cursor=bm9wZQ', '/querystring/cursor'],
    ])('400 for %s', async (_case, query, field) => {
      const response = await get(`/videos/${lectureVideo}/transcript${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ field });
    });
  });

  describe('GET /search', () => {
    type Hit = {
      videoId: string;
      seq: number;
      snippet: string;
      text: string;
      rank: number;
      title: string | null;
    };
    const search = async (query: string) => {
      const response = await get(`/search?${query}`);
      expect(response.statusCode).toBe(200);
      return response.json() as { items: Hit[]; nextCursor: string | null };
    };

    it('finds segments by stemmed words, best first, with the video and a marked snippet', async () => {
      const { items } = await search(`q=${encodeURIComponent('cells dividing')}&videoId=${lectureVideo}`);
      expect(items[0]).toEqual({
        videoId: lectureVideo,
        title: 'Lecture 4: Mitosis',
        seq: 0,
        startSeconds: 1,
        endSeconds: 4,
        speaker: 'Ada',
        text: 'Today we study mitosis, how cells divide.',
        snippet: 'Today we study mitosis, how <mark>cells</mark> <mark>divide</mark>.',
        rank: expect.any(Number),
      });
      expect(items.map((hit) => hit.seq)).toEqual([0]);
    });

    it('searches every video unless videoId narrows it; a placeholder has no title', async () => {
      const everywhere = await search('q=division');
      const mine = everywhere.items.filter((hit) => hit.videoId.endsWith(run));
      expect(mine.map((hit) => [hit.videoId, hit.seq])).toEqual(
        expect.arrayContaining([
          [lectureVideo, 3],
          [notesVideo, 0],
        ]),
      );
      expect(mine.find((hit) => hit.videoId === notesVideo)?.title).toBeNull();
      expect((await search(`q=division&videoId=${notesVideo}`)).items.map((hit) => hit.videoId)).toEqual([
        notesVideo,
      ]);
    });

    it('web-search syntax: a quoted phrase, and -word to exclude', async () => {
      const phrase = await search(`q=${encodeURIComponent('"daughter cells"')}&videoId=${lectureVideo}`);
      expect(phrase.items.map((hit) => hit.seq)).toEqual([3]);
      const excluding = await search(`q=${encodeURIComponent('mitosis -questions')}&videoId=${lectureVideo}`);
      expect(excluding.items.map((hit) => hit.seq)).toEqual([0]);
    });

    it('snippets are HTML-safe: the transcript text is escaped, only the marks are tags', async () => {
      const { items } = await search(`q=anaphase&videoId=${lectureVideo}`);
      expect(items[0]?.snippet).toBe(
        'Then the spindle pulls the chromatids apart: <mark>anaphase</mark> &#38; telophase.',
      );
      const script = await search(`q=alert&videoId=${lectureVideo}`);
      expect(script.items[0]?.text).toBe('Questions about alert(1) mitosis?');
      const tags = await search(`q=questions&videoId=${lectureVideo}`);
      expect(tags.items[0]?.snippet).not.toMatch(/<(?!\/?mark>)/);
    });

    it('pages with limit and the cursor, in rank order, without skipping or repeating', async () => {
      const all = (await search(`q=mitosis&videoId=${lectureVideo}&limit=100`)).items;
      expect(all.length).toBe(2);
      const paged: Hit[] = [];
      let cursor: string | null = null;
      do {
        const page = await search(
          `q=mitosis&videoId=${lectureVideo}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        );
        paged.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all);
      expect(all[0]!.rank).toBeGreaterThanOrEqual(all[1]!.rank);
    });

    it('a query of stop words only matches nothing', async () => {
      expect(await search('q=the%20and')).toEqual({ items: [], nextCursor: null });
    });

    it.each([
      ['no q', '/search', '/querystring/q'],
      ['a blank q', '/search?q=%20%20', '/querystring/q'],
      ['limit over the maximum', '/search?q=cells&limit=101', '/querystring/limit'],
      ['a bad cursor', '/search?q=cells&cursor=WzEsMl0', '/querystring/cursor'],
    ])('400 problem+json for %s', async (_case, url, field) => {
      const response = await get(url);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ status: 400, field, instance: '/search' });
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
      consumer = { running: false, lastError: 'topic inlet.media.v1 does not exist' };
      try {
        const response = await get('/health/ready');
        expect(response.statusCode).toBe(503);
        expect(response.json()).toEqual({
          status: 'not ready',
          checks: { consumer: 'failing', database: 'ok' },
          reasons: ['consumer: topic inlet.media.v1 does not exist'],
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
        expect((await cut.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(503);
        const read = await cut.inject({ method: 'GET', url: '/search?q=cells' });
        expect(read.statusCode).toBe(500);
        expect(read.json()).toMatchObject({ code: 'INLET_INTERNAL' });
        expect(read.body).not.toContain('s3cret');
      } finally {
        await cut.close();
      }
    });

    it('serves Prometheus metrics, and problem+json for unknown routes', async () => {
      const metrics = await get('/metrics');
      expect(metrics.statusCode).toBe(200);
      expect(metrics.body).toContain('inlet_media_http_request_duration_seconds_bucket');
      expect(metrics.body).toContain('inlet_media_process_cpu_seconds_total');
      expect((await get('/nothing-here')).json()).toMatchObject({ code: 'INLET_ROUTE_NOT_FOUND' });
    });
  });
});
