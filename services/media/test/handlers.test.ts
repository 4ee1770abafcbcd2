import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '@inlet/kafka-runtime';
import { itHandlesEveryEventTypeOf, useMigratedDatabase } from '@inlet/service-kit/testing';
import { createHandlers } from '../src/handlers/index.js';
import { media } from '../src/service.js';
import { TranscriptRefusedError, TranscriptUnavailableError } from '../src/transcripts/errors.js';
import { createTranscriptFetcher } from '../src/transcripts/fetch-transcript.js';
import { eventApplier, tableFetch } from './helpers/apply.js';
import { at, transcriptionEvent, uploadEvent } from './helpers/events.js';
import { localPolicy } from './helpers/policy.js';
import { startTranscriptServer, text } from './helpers/transcript-server.js';

const cues = (...lines: string[]) =>
  `WEBVTT\n\n${lines.map((line, i) => `00:00:0${i}.000 --> 00:00:0${i + 1}.000\n${line}`).join('\n\n')}\n`;

// Handlers against a real PostgreSQL transaction, applied the way the consumer runtime applies them.
describe('media handlers', () => {
  const transcripts: Record<string, string | Error> = {};
  const fetcher = tableFetch(transcripts);
  const store = useMigratedDatabase(media, (pool) => eventApplier(pool, fetcher.fetch));
  const { apply } = store;

  const newVideo = () => `video-${randomUUID()}`;
  /** A URL the table fetch answers with `body`. */
  const serve = (body: string | Error) => {
    const url = `https://media.example.com/t/${randomUUID()}.vtt?sig=x`;
    transcripts[url] = body;
    return url;
  };
  const videoRow = async (videoId: string) => {
    const { rows } = await store.db.pool.query(
      `SELECT title, duration_seconds, content_type, size_bytes::float8 AS size_bytes, url, uploaded_by, metadata,
              upload_event_id, upload_event_at, transcription_job_id, transcription_confidence,
              transcript_format, transcript_bytes, segment_count, transcript_source, transcription_event_id,
              transcription_event_at
         FROM media.videos WHERE video_id = $1`,
      [videoId],
    );
    return rows[0] as Record<string, unknown> | undefined;
  };
  const segmentsOf = async (videoId: string) =>
    (
      await store.db.pool.query(
        `SELECT seq, start_seconds, end_seconds, speaker, text FROM media.transcript_segments
          WHERE video_id = $1 ORDER BY seq`,
        [videoId],
      )
    ).rows;

  itHandlesEveryEventTypeOf('media', () => createHandlers({ fetchTranscript: fetcher.fetch }));

  describe('video.upload.completed', () => {
    it('records the video and its metadata; the transcript is pending', async () => {
      const videoId = newVideo();
      const upload = uploadEvent({ videoId }, { occurredAt: at(10) });
      await apply(upload);
      expect(await videoRow(videoId)).toMatchObject({
        title: 'Lecture 4: Mitosis',
        duration_seconds: 1834.5,
        content_type: 'video/mp4',
        size_bytes: 734003200,
        uploaded_by: 'instructor_12',
        metadata: { resolution: '1920x1080', codec: 'h264' },
        upload_event_id: upload.eventId,
        upload_event_at: new Date(at(10)),
        transcription_event_id: null,
        segment_count: 0,
      });
    });

    it('a newer upload replaces the metadata; an older one arriving later changes nothing', async () => {
      const videoId = newVideo();
      await apply(
        uploadEvent({ videoId, title: 'first cut' }, { occurredAt: at(10) }),
        uploadEvent({ videoId, title: 'final cut', metadata: null }, { occurredAt: at(30) }),
      );
      const before = await videoRow(videoId);
      const staleBefore = store.applier.stale.length;
      await apply(uploadEvent({ videoId, title: 'draft' }, { occurredAt: at(20) }));
      expect(await videoRow(videoId)).toEqual(before);
      expect(before).toMatchObject({ title: 'final cut', metadata: null });
      expect(store.applier.stale.slice(staleBefore)).toEqual(['video.upload.completed']);
    });

    it('uploads at the same instant: the greater eventId wins, whatever the arrival order', async () => {
      const [a, b] = [newVideo(), newVideo()];
      const low = { eventId: '00000000-0000-4000-8000-000000000001', occurredAt: at(10) };
      const high = { eventId: '00000000-0000-4000-8000-000000000002', occurredAt: at(10) };
      await apply(
        uploadEvent({ videoId: a, title: 'low' }, low),
        uploadEvent({ videoId: a, title: 'high' }, high),
        uploadEvent({ videoId: b, title: 'high' }, high),
        uploadEvent({ videoId: b, title: 'low' }, low),
      );
      expect((await videoRow(a))?.title).toBe('high');
      expect((await videoRow(b))?.title).toBe('high');
    });

    it.each([
      ['a negative duration', { durationSeconds: -1 }],
      ['an infinite size', { sizeBytes: Number.POSITIVE_INFINITY }],
      ['metadata that is not JSON', { metadata: '{not json' }],
    ])('%s is permanent, and nothing is written', async (_case, data) => {
      const videoId = newVideo();
      const error = await apply(uploadEvent({ videoId, ...data })).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PermanentError);
      expect(error).toMatchObject({ code: 'INLET_MEDIA_EVENT_INVALID' });
      expect(await videoRow(videoId)).toBeUndefined();
    });
  });

  describe('transcription.completed', () => {
    it('fetches the transcript, stores its segments and marks the video transcribed', async () => {
      const videoId = newVideo();
      const body = cues('Cells divide by mitosis.', '<v Ada>Chromosomes condense.');
      const url = serve(body);
      const transcription = transcriptionEvent({ videoId, transcriptionUrl: url, confidence: 0.9 });
      await apply(uploadEvent({ videoId }, { occurredAt: at(1) }), transcription);

      expect(await videoRow(videoId)).toMatchObject({
        title: 'Lecture 4: Mitosis',
        transcription_job_id: transcription.data.jobId,
        transcription_confidence: 0.9,
        transcript_format: 'webvtt',
        transcript_bytes: Buffer.byteLength(body),
        segment_count: 2,
        transcript_source: url.replace(/\?.*$/, ''),
        transcription_event_id: transcription.eventId,
      });
      expect(await segmentsOf(videoId)).toEqual([
        { seq: 0, start_seconds: 0, end_seconds: 1, speaker: null, text: 'Cells divide by mitosis.' },
        { seq: 1, start_seconds: 1, end_seconds: 2, speaker: 'Ada', text: 'Chromosomes condense.' },
      ]);
    });

    it('before its upload: a placeholder video, filled in when the upload arrives, transcript kept', async () => {
      const videoId = newVideo();
      await apply(
        transcriptionEvent({ videoId, transcriptionUrl: serve(cues('early')) }, { occurredAt: at(20) }),
      );
      expect(await videoRow(videoId)).toMatchObject({ title: null, upload_event_id: null, segment_count: 1 });

      await apply(uploadEvent({ videoId }, { occurredAt: at(10) }));
      expect(await videoRow(videoId)).toMatchObject({ title: 'Lecture 4: Mitosis', segment_count: 1 });
      expect((await segmentsOf(videoId)).map((segment) => segment.text)).toEqual(['early']);
    });

    it('upload and transcription in either order end in the same row', async () => {
      const [first, second] = [newVideo(), newVideo()];
      const url = serve(cues('same'));
      const events = (videoId: string) =>
        [
          uploadEvent({ videoId }, { occurredAt: at(10) }),
          transcriptionEvent({ videoId, transcriptionUrl: url, jobId: 'job-1' }, { occurredAt: at(20) }),
        ] as const;
      const [upload1, transcription1] = events(first);
      const [upload2, transcription2] = events(second);
      await apply(upload1, transcription1);
      await apply(transcription2, upload2);
      // Everything but the (random) event ids is the same.
      const strip = (row: Record<string, unknown> | undefined) => ({
        ...row,
        upload_event_id: undefined,
        transcription_event_id: undefined,
      });
      expect(strip(await videoRow(second))).toEqual(strip(await videoRow(first)));
      expect(await segmentsOf(second)).toEqual(await segmentsOf(first));
    });

    it('a newer transcription replaces the segments; an older one is neither fetched nor applied', async () => {
      const videoId = newVideo();
      await apply(
        transcriptionEvent(
          { videoId, transcriptionUrl: serve(cues('one', 'two', 'three')) },
          { occurredAt: at(10) },
        ),
        transcriptionEvent({ videoId, transcriptionUrl: serve(cues('revised')) }, { occurredAt: at(30) }),
      );
      expect((await segmentsOf(videoId)).map((segment) => segment.text)).toEqual(['revised']);
      const before = await videoRow(videoId);

      const olderUrl = serve(cues('outdated'));
      const staleBefore = store.applier.stale.length;
      await apply(transcriptionEvent({ videoId, transcriptionUrl: olderUrl }, { occurredAt: at(20) }));
      expect(fetcher.calls).not.toContain(olderUrl);
      expect(store.applier.stale.slice(staleBefore)).toEqual(['transcription.completed']);
      expect(await videoRow(videoId)).toEqual(before);
      expect((await segmentsOf(videoId)).map((segment) => segment.text)).toEqual(['revised']);
    });

    it('a stale transcription is skipped even when its URL would now fail', async () => {
      const videoId = newVideo();
      await apply(
        transcriptionEvent({ videoId, transcriptionUrl: serve(cues('current')) }, { occurredAt: at(30) }),
      );
      const expired = serve(new TranscriptRefusedError('INLET_TRANSCRIPT_NOT_FOUND', 'gone'));
      await expect(
        apply(transcriptionEvent({ videoId, transcriptionUrl: expired }, { occurredAt: at(10) })),
      ).resolves.toBeUndefined();
    });

    it.each([
      ['retryable', new TranscriptUnavailableError('INLET_TRANSCRIPT_HOST_FAILED', '503')],
      ['permanent', new TranscriptRefusedError('INLET_TRANSCRIPT_NOT_FOUND', '404')],
    ])('a %s fetch failure propagates as it is, and nothing is written', async (_case, failure) => {
      const videoId = newVideo();
      await expect(apply(transcriptionEvent({ videoId, transcriptionUrl: serve(failure) }))).rejects.toBe(
        failure,
      );
      expect(await videoRow(videoId)).toBeUndefined();
    });

    it('a confidence outside 0..1 is permanent, before any fetch', async () => {
      const url = serve(cues('never fetched'));
      const error = await apply(
        transcriptionEvent({ videoId: newVideo(), transcriptionUrl: url, confidence: 1.5 }),
      ).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: 'PermanentError', code: 'INLET_MEDIA_EVENT_INVALID' });
      expect(fetcher.calls).not.toContain(url);
    });

    it('an empty transcript marks the video transcribed with no segments', async () => {
      const videoId = newVideo();
      await apply(transcriptionEvent({ videoId, transcriptionUrl: serve('WEBVTT\n') }));
      expect(await videoRow(videoId)).toMatchObject({ segment_count: 0, transcript_format: 'webvtt' });
      expect(await videoRow(videoId)).not.toMatchObject({ transcription_event_id: null });
    });

    it('with the real fetcher: a transcript served over HTTP is stored, plain text as paragraphs', async () => {
      const server = await startTranscriptServer();
      const real = createTranscriptFetcher({ policy: localPolicy() });
      try {
        server.route('/notes.txt', text('First idea.\n\nSecond idea.', 'text/plain'));
        const videoId = newVideo();
        const { apply: applyReal } = eventApplier(store.db.pool, (url) => real.fetch(url));
        await applyReal(transcriptionEvent({ videoId, transcriptionUrl: server.url('/notes.txt') }));
        expect(await segmentsOf(videoId)).toEqual([
          { seq: 0, start_seconds: null, end_seconds: null, speaker: null, text: 'First idea.' },
          { seq: 1, start_seconds: null, end_seconds: null, speaker: null, text: 'Second idea.' },
        ]);
        expect(await videoRow(videoId)).toMatchObject({ transcript_format: 'text', segment_count: 2 });
      } finally {
        await real.close();
        await server.close();
      }
    });
  });
});
