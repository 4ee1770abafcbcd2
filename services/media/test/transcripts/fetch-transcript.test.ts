import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError } from '@inlet/kafka-runtime';
import { waitFor } from '@inlet/test-harness';
import { TranscriptRefusedError, TranscriptUnavailableError } from '../../src/transcripts/errors.js';
import { createTranscriptFetcher, type TranscriptFetcher } from '../../src/transcripts/fetch-transcript.js';
import { localPolicy } from '../helpers/policy.js';
import {
  endless,
  stall,
  startTranscriptServer,
  status,
  text,
  type TranscriptServer,
} from '../helpers/transcript-server.js';

const vtt = 'WEBVTT\n\n00:00.000 --> 00:02.000\nCells divide by mitosis.\n';

// The fetcher against a real HTTP server on 127.0.0.1. The test-only switch lets the SSRF guard reach it
// (ssrf-guard.test.ts proves it refuses the same server without the switch).
describe('fetching a transcript', () => {
  let server: TranscriptServer;
  let fetcher: TranscriptFetcher;
  const outcomes: string[] = [];

  beforeAll(async () => {
    server = await startTranscriptServer();
    fetcher = createTranscriptFetcher({
      policy: localPolicy({ timeoutMs: 500, maxBytes: 64 * 1024 }),
      observe: (outcome) => outcomes.push(outcome),
    });
    server.route('/ok.vtt', text(vtt));
    server.route('/broken', status(503));
    server.route('/failing', status(500));
    server.route('/busy', status(429, { 'retry-after': '1' }));
    server.route('/gone', status(410));
    server.route('/forbidden', status(403));
    server.route('/stalled', stall);
    server.route('/declared-huge', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/vtt', 'content-length': String(10 * 1024 * 1024) });
      response.write('WEBVTT\n\n');
    });
    server.route('/streamed-huge', endless(50 * 1024 * 1024));
    server.route('/moved', status(302, { location: '/ok.vtt' }));
    server.route('/moved-away', status(301, { location: 'https://elsewhere.test/t.vtt' }));
    server.route('/loop', status(307, { location: '/loop' }));
  });
  afterAll(async () => {
    await fetcher?.close();
    await server?.close();
  });

  const failure = (url: string) => fetcher.fetch(url).catch((error: unknown) => error);

  it('answers the bytes, the Content-Type and where they came from (never the query string)', async () => {
    const fetched = await fetcher.fetch(server.url('/ok.vtt?signature=s3cret'));
    expect(fetched).toEqual({
      body: Buffer.from(vtt),
      contentType: 'text/vtt; charset=utf-8',
      source: `http://127.0.0.1:${server.port}/ok.vtt`,
    });
    expect(outcomes.at(-1)).toBe('fetched');
  });

  it.each([
    ['a 503', '/broken', 'INLET_TRANSCRIPT_HOST_FAILED'],
    ['a 500', '/failing', 'INLET_TRANSCRIPT_HOST_FAILED'],
    ['a 429', '/busy', 'INLET_TRANSCRIPT_HOST_FAILED'],
    ['headers and then no body (timeout)', '/stalled', 'INLET_TRANSCRIPT_TIMEOUT'],
  ])('%s is retryable: a plain error, not a PermanentError', async (_case, path, code) => {
    const error = await failure(server.url(path));
    expect(error).toBeInstanceOf(TranscriptUnavailableError);
    expect(error).not.toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code, retryable: true });
    expect(outcomes.at(-1)).toBe(code);
  });

  it('a refused connection (nothing listens) is retryable', async () => {
    const closed = await startTranscriptServer();
    const url = closed.url('/t.vtt');
    await closed.close();
    expect(await failure(url)).toMatchObject({
      name: 'TranscriptUnavailableError',
      code: 'INLET_TRANSCRIPT_HOST_UNREACHABLE',
    });
  });

  it('the deadline covers the whole fetch: a stalled body fails within the timeout', async () => {
    const started = Date.now();
    await failure(server.url('/stalled'));
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it.each([
    ['a 404', '/nothing-here', 'INLET_TRANSCRIPT_NOT_FOUND'],
    ['a 410', '/gone', 'INLET_TRANSCRIPT_NOT_FOUND'],
    ['a 403', '/forbidden', 'INLET_TRANSCRIPT_REFUSED'],
    ['a declared Content-Length over the cap', '/declared-huge', 'INLET_TRANSCRIPT_TOO_LARGE'],
    ['a chunked body that grows past the cap', '/streamed-huge', 'INLET_TRANSCRIPT_TOO_LARGE'],
    ['a redirect loop', '/loop', 'INLET_TRANSCRIPT_TOO_MANY_REDIRECTS'],
    ['a redirect to a host not allow-listed', '/moved-away', 'INLET_TRANSCRIPT_HOST_NOT_ALLOWED'],
  ])('%s is permanent (PermanentError, DLQ)', async (_case, path, code) => {
    const error = await failure(server.url(path));
    expect(error).toBeInstanceOf(TranscriptRefusedError);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code, retryable: false });
  });

  it('stops reading an oversize body at the cap instead of downloading it', async () => {
    const abandonedBefore = server.abandoned().length;
    await failure(server.url('/streamed-huge'));
    // The server notices the client hung up long before its 50 MiB were sent.
    await waitFor(() => server.abandoned().slice(abandonedBefore).includes('/streamed-huge'), {
      timeoutMs: 5_000,
      what: 'the server to see the client hang up',
    });
  });

  it('follows a redirect to an allowed URL, checking it like the first', async () => {
    const fetched = await fetcher.fetch(server.url('/moved'));
    expect(fetched.body.toString()).toBe(vtt);
    expect(fetched.source).toBe(`http://127.0.0.1:${server.port}/ok.vtt`);
  });

  it('refuses redirects altogether with TRANSCRIPT_MAX_REDIRECTS=0', async () => {
    const strict = createTranscriptFetcher({ policy: localPolicy({ maxRedirects: 0 }) });
    try {
      await expect(strict.fetch(server.url('/moved'))).rejects.toMatchObject({
        code: 'INLET_TRANSCRIPT_TOO_MANY_REDIRECTS',
      });
    } finally {
      await strict.close();
    }
  });

  describe('the URL itself', () => {
    it.each([
      [
        'a host not in TRANSCRIPT_HOSTS',
        'https://transcripts.elsewhere.test/t.vtt',
        'INLET_TRANSCRIPT_HOST_NOT_ALLOWED',
      ],
      ['not a URL', 'not a url', 'INLET_TRANSCRIPT_URL_INVALID'],
      ['another scheme', 'file:///etc/passwd', 'INLET_TRANSCRIPT_URL_INVALID'],
      ['credentials in the URL', 'https://user:pw@127.0.0.1/t.vtt', 'INLET_TRANSCRIPT_URL_INVALID'],
    ])('%s is permanent', async (_case, url, code) => {
      const error = await failure(url);
      expect(error).toBeInstanceOf(PermanentError);
      expect(error).toMatchObject({ code });
      expect((error as Error).message).not.toContain('pw');
    });

    it('http is refused unless TRANSCRIPT_ALLOW_HTTP', async () => {
      const httpsOnly = createTranscriptFetcher({ policy: localPolicy({ allowHttp: false }) });
      try {
        const error = await httpsOnly.fetch(server.url('/ok.vtt')).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(PermanentError);
        expect(error).toMatchObject({ code: 'INLET_TRANSCRIPT_URL_INSECURE' });
        expect(server.hits('/ok.vtt')).toBe(2);
      } finally {
        await httpsOnly.close();
      }
    });

    it('errors name the URL without its query string', async () => {
      const error = (await failure(server.url('/nothing-here?token=s3cret'))) as Error;
      expect(error.message).toContain('/nothing-here');
      expect(error.message).not.toContain('s3cret');
    });
  });
});
