import { describe, expect, it } from 'vitest';
import { expectProblem, readAllPages } from '@inlet/service-kit/testing';
import { eventApplier, tableFetch } from './helpers/apply.js';
import { at, transcriptionEvent } from './helpers/events.js';
import { lecture, notes, useReadApiFixture } from './helpers/read-api-fixture.js';

// GET /videos/:videoId and its transcript via inject() against the real database, filled by the real handlers.
describe('read API', () => {
  const { run, lectureVideo, notesVideo, pendingVideo, pool, get } = useReadApiFixture();

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
      expectProblem(response, {
        status: 404,
        code: 'INLET_VIDEO_NOT_FOUND',
        detail: 'no event has named this video',
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
      const { pages, items } = await readAllPages<{ seq: number }>(
        get,
        `/videos/${lectureVideo}/transcript?limit=2`,
      );
      expect(pages).toBe(3);
      expect(items.map((item) => item.seq)).toEqual([0, 1, 2, 3, 4]);
    });

    it('409 when a newer transcription replaced the transcript a cursor walks', async () => {
      const videoId = `replaced-${run}`;
      const first = `https://media.example.com/${videoId}-1.vtt`;
      const second = `https://media.example.com/${videoId}-2.vtt`;
      const { apply } = eventApplier(pool(), tableFetch({ [first]: lecture, [second]: notes }).fetch);
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
});
