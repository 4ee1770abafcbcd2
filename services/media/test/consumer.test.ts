import type { Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryHeaders } from '@inlet/kafka-runtime';
import { itServesMetricsAndHealth, useConsumerUnderTest } from '@inlet/service-kit/testing';
import { uniqueName, waitFor } from '@inlet/test-harness';
import { media } from '../src/service.js';
import { createTranscriptFetcher, type TranscriptFetcher } from '../src/transcripts/fetch-transcript.js';
import { at, transcriptionEvent, uploadEvent } from './helpers/events.js';
import { localPolicy } from './helpers/policy.js';
import { startTranscriptServer, status, text, type TranscriptServer } from './helpers/transcript-server.js';

const vtt = 'WEBVTT\n\n00:00.000 --> 00:03.000\nPhotosynthesis turns light into sugar.\n';

interface DeadLetter {
  eventId: string | undefined;
  headers: Record<string, string>;
}

// The real consumer runtime on unique topics, fed real Avro-encoded events, fetching transcripts from a
// local HTTP server, seen through the read API and the DLQ.
describe('media consuming from Kafka', () => {
  let server: TranscriptServer;
  let fetcher: TranscriptFetcher;
  beforeAll(async () => {
    server = await startTranscriptServer();
    // The fetcher production opens, against the local server. The service's metrics exist once it has started;
    // no fetch happens before that (the tests produce afterwards), so it observes them through `service`.
    fetcher = createTranscriptFetcher({
      policy: localPolicy({ timeoutMs: 1_000 }),
      observe: (outcome, seconds) => service.metrics.transcriptFetches.observe({ outcome }, seconds),
    });
  });
  afterAll(async () => {
    await fetcher?.close();
    await server?.close();
  });

  // Started after the server and the fetcher above, and closed before them.
  const service = useConsumerUnderTest(media, () => ({
    dependencies: { fetchTranscript: (url) => fetcher.fetch(url) },
    logLevel: 'silent',
  }));
  const { produce, get } = service;
  const consumerStatus = () => service.consumer.status();

  let dlqReader: Consumer;
  const deadLetters: DeadLetter[] = [];
  beforeAll(async () => {
    dlqReader = service.kafka.consumer({ groupId: uniqueName('media-dlq-reader') });
    await dlqReader.connect();
    await dlqReader.subscribe({ topic: service.topics.dlq, fromBeginning: true });
    await dlqReader.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
        );
        deadLetters.push({ eventId: headers['inlet-event-id'], headers });
      },
    });
  });
  afterAll(async () => {
    await dlqReader?.disconnect();
  });

  const transcribed = (videoId: string) => async () => {
    const response = await get(`/videos/${videoId}`);
    return response.statusCode === 200 && response.json().transcript.status === 'transcribed';
  };
  const deadLetterOf = (eventId: string) =>
    waitFor(() => deadLetters.find((letter) => letter.eventId === eventId), {
      what: `event ${eventId} in the DLQ`,
    });

  it('applies an upload and its transcription; the read API shows the video and finds its words', async () => {
    const videoId = uniqueName('video');
    server.route(`/${videoId}.vtt`, text(vtt));
    await produce(
      uploadEvent({ videoId, title: 'Plants' }, { occurredAt: at(10) }),
      transcriptionEvent(
        { videoId, transcriptionUrl: server.url(`/${videoId}.vtt`) },
        { occurredAt: at(20) },
      ),
    );
    await waitFor(transcribed(videoId), { what: 'the video to be transcribed' });
    expect((await get(`/videos/${videoId}`)).json()).toMatchObject({
      title: 'Plants',
      transcript: { status: 'transcribed', segmentCount: 1 },
    });
    const hits = (await get(`/search?q=sugar&videoId=${videoId}`)).json();
    expect(hits.items.map((hit: { snippet: string }) => hit.snippet)).toEqual([
      'Photosynthesis turns light into <mark>sugar</mark>.',
    ]);
    expect((await get('/health/ready')).statusCode).toBe(200);
  });

  it('a host answering 503 sends the event to a retry tier; it is applied once the host recovers', async () => {
    const videoId = uniqueName('video');
    const path = `/${videoId}.vtt`;
    server.route(path, status(503));
    const retriedBefore = consumerStatus().retried;
    await produce(transcriptionEvent({ videoId, transcriptionUrl: server.url(path) }));

    await waitFor(() => consumerStatus().retried > retriedBefore, {
      what: 'the event to be sent to a retry tier',
    });
    expect((await get(`/videos/${videoId}`)).statusCode).toBe(404);
    server.route(path, text(vtt));

    await waitFor(transcribed(videoId), { what: 'the retried event to be applied', timeoutMs: 20_000 });
    expect(server.hits(path)).toBeGreaterThanOrEqual(2);
    const { rows } = await service.db.pool.query<{ topic: string }>(
      `SELECT p.topic FROM media.processed_events p JOIN media.videos v ON v.transcription_event_id = p.event_id
        WHERE v.video_id = $1`,
      [videoId],
    );
    expect(service.topics.retryTiers.map((tier) => tier.topic)).toContain(rows[0]?.topic);
  }, 30_000);

  it.each([
    ['a 404', 'INLET_TRANSCRIPT_NOT_FOUND', (videoId: string) => server.url(`/${videoId}-missing.vtt`)],
    [
      'a host not allow-listed',
      'INLET_TRANSCRIPT_HOST_NOT_ALLOWED',
      () => 'https://transcripts.elsewhere.test/x.vtt',
    ],
  ])('%s goes straight to the DLQ, with the error code, and writes nothing', async (_case, code, url) => {
    const videoId = uniqueName('video');
    const retriedBefore = consumerStatus().retried;
    const event = transcriptionEvent({ videoId, transcriptionUrl: url(videoId) });
    await produce(event);

    const letter = await deadLetterOf(event.eventId);
    expect(letter.headers).toMatchObject({
      [retryHeaders.errorCode]: code,
      [retryHeaders.errorClass]: 'TranscriptRefusedError',
      [retryHeaders.attempt]: '1',
      [retryHeaders.originalTopic]: service.topics.main,
    });
    expect(consumerStatus().retried).toBe(retriedBefore);
    expect((await get(`/videos/${videoId}`)).statusCode).toBe(404);
  });

  it('a redelivered event is applied once: the transcript is not fetched again', async () => {
    const videoId = uniqueName('video');
    const path = `/${videoId}.vtt`;
    server.route(path, text(vtt));
    const event = transcriptionEvent({ videoId, transcriptionUrl: server.url(path) });
    await produce(event);
    await waitFor(transcribed(videoId), { what: 'the video to be transcribed' });
    const skippedBefore = consumerStatus().skipped;

    await produce(event);
    await waitFor(() => consumerStatus().skipped > skippedBefore, { what: 'the duplicate to be skipped' });
    expect(server.hits(path)).toBe(1);
    const { rows } = await service.db.pool.query(
      'SELECT count(*)::int AS n FROM media.processed_events WHERE event_id = $1',
      [event.eventId],
    );
    expect(rows[0]).toEqual({ n: 1 });
  });

  itServesMetricsAndHealth(service, {
    serviceMetrics: [
      // The fetches by outcome: this suite fetched one transcript and met one failing host.
      /inlet_media_transcript_fetch_duration_seconds_count\{outcome="fetched"\} [1-9]/,
      /inlet_media_transcript_fetch_duration_seconds_count\{outcome="INLET_TRANSCRIPT_HOST_FAILED"\} [1-9]/,
      'inlet_media_stale_events_total',
    ],
  });
});
