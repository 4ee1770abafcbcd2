import { errors, request, type Dispatcher } from 'undici';
import { TranscriptRefusedError, TranscriptUnavailableError, type TranscriptFetchError } from './errors.js';
import { createGuardedAgent, type Resolve } from './guarded-agent.js';
import { checkTranscriptUrl, describeUrl, type TranscriptPolicy } from './url-policy.js';

export interface FetchedTranscript {
  body: Buffer;
  /** The answer's Content-Type, when it sent one. */
  contentType: string | undefined;
  /** Where it finally came from (after redirects), as describeUrl() shows it. */
  source: string;
}

export interface TranscriptFetcher {
  /** Resolves with the transcript's bytes, or rejects with a TranscriptFetchError (the class says retry or not). */
  fetch(url: string): Promise<FetchedTranscript>;
  /** Closes the agent's connections (at shutdown). */
  close(): Promise<void>;
}

export interface TranscriptFetcherOptions {
  policy: TranscriptPolicy;
  /** DNS, replaceable in tests. */
  resolve?: Resolve;
  /** Told the outcome ('fetched' or an error code) and duration of every fetch, for metrics. */
  observe?: (outcome: string, seconds: number) => void;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
/** Statuses that say "not now": retried. Every other 4xx says "never" and is dead-lettered. */
const tryLaterStatuses = new Set([408, 425, 429]);

/**
 * Fetches transcripts under the policy: checked URL, guarded connections (guarded-agent.ts), one deadline
 * for the whole fetch, a streamed body abandoned past the size cap, and redirects followed only as far as
 * maxRedirects, each Location checked like the first URL (its connection is guarded like every other).
 */
export function createTranscriptFetcher({
  policy,
  resolve,
  observe = () => undefined,
}: TranscriptFetcherOptions): TranscriptFetcher {
  const agent = createGuardedAgent({
    allowPrivateAddresses: policy.allowPrivateAddresses,
    timeoutMs: policy.timeoutMs,
    ...(resolve ? { resolve } : {}),
  });

  async function fetchOnce(text: string, signal: AbortSignal, abort: (reason: Error) => void) {
    let url = checkTranscriptUrl(text, policy);
    for (let redirects = 0; ; redirects += 1) {
      const response = await request(url, {
        dispatcher: agent,
        method: 'GET',
        signal,
        headers: {
          accept: 'text/vtt, application/x-subrip;q=0.9, text/plain;q=0.8, */*;q=0.1',
          'accept-encoding': 'identity',
          'user-agent': 'inlet-media',
        },
      });
      const { statusCode } = response;
      if (statusCode >= 200 && statusCode < 300) {
        return {
          body: await readCapped(response, url, abort),
          contentType: header(response.headers['content-type']),
          source: describeUrl(url),
        };
      }
      await response.body.dump().catch(() => undefined);
      const location = header(response.headers.location);
      if (redirectStatuses.has(statusCode) && location !== undefined) {
        if (redirects >= policy.maxRedirects) {
          throw new TranscriptRefusedError(
            'INLET_TRANSCRIPT_TOO_MANY_REDIRECTS',
            `${describeUrl(url)}: more than ${policy.maxRedirects} redirects (TRANSCRIPT_MAX_REDIRECTS)`,
          );
        }
        url = checkTranscriptUrl(resolveLocation(location, url), policy);
        continue;
      }
      throw statusError(statusCode, url);
    }
  }

  async function readCapped(response: Dispatcher.ResponseData, url: URL, abort: (reason: Error) => void) {
    const tooLarge = () =>
      new TranscriptRefusedError(
        'INLET_TRANSCRIPT_TOO_LARGE',
        `${describeUrl(url)}: the transcript is larger than ${policy.maxBytes} bytes (TRANSCRIPT_MAX_BYTES)`,
      );
    const declared = Number(header(response.headers['content-length']));
    if (declared > policy.maxBytes) {
      const error = tooLarge();
      abort(error);
      throw error;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > policy.maxBytes) {
        // Stop reading at once: the connection is torn down, the rest is never downloaded.
        const error = tooLarge();
        abort(error);
        throw error;
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, size);
  }

  return {
    async fetch(text) {
      const started = performance.now();
      const controller = new AbortController();
      const deadline = setTimeout(
        () =>
          controller.abort(
            new TranscriptUnavailableError(
              'INLET_TRANSCRIPT_TIMEOUT',
              `no complete transcript within ${policy.timeoutMs} ms (TRANSCRIPT_TIMEOUT_MS)`,
            ),
          ),
        policy.timeoutMs,
      );
      try {
        const fetched = await fetchOnce(text, controller.signal, (reason) => controller.abort(reason));
        observe('fetched', (performance.now() - started) / 1000);
        return fetched;
      } catch (error) {
        const classified = classify(controller.signal.aborted ? controller.signal.reason : error, text);
        observe(classified.code, (performance.now() - started) / 1000);
        throw classified;
      } finally {
        clearTimeout(deadline);
      }
    },
    close: () => agent.close(),
  };
}

function statusError(status: number, url: URL): TranscriptFetchError {
  const shown = `${describeUrl(url)} answered ${status}`;
  if (status >= 500 || tryLaterStatuses.has(status)) {
    return new TranscriptUnavailableError('INLET_TRANSCRIPT_HOST_FAILED', shown);
  }
  if (status === 404 || status === 410) {
    return new TranscriptRefusedError('INLET_TRANSCRIPT_NOT_FOUND', `${shown}: no such transcript`);
  }
  return new TranscriptRefusedError('INLET_TRANSCRIPT_REFUSED', shown);
}

/**
 * Every failure as a TranscriptFetchError. Ours pass as they are (timeouts arrive as the abort reason); the
 * agent's own timeouts are timeouts; anything else happened on the way to the host (refused, reset, DNS,
 * TLS, a malformed answer) and may not happen next time: retried, and dead-lettered once retries run out.
 */
function classify(error: unknown, text: string): TranscriptFetchError {
  if (error instanceof TranscriptRefusedError || error instanceof TranscriptUnavailableError) return error;
  const where = safeDescription(text);
  if (
    error instanceof errors.ConnectTimeoutError ||
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError
  ) {
    return new TranscriptUnavailableError('INLET_TRANSCRIPT_TIMEOUT', `${where}: ${error.message}`, {
      cause: error,
    });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new TranscriptUnavailableError('INLET_TRANSCRIPT_HOST_UNREACHABLE', `${where}: ${reason}`, {
    cause: error,
  });
}

function safeDescription(text: string): string {
  try {
    return describeUrl(new URL(text));
  } catch {
    return 'transcriptionUrl';
  }
}

function resolveLocation(location: string, base: URL): string {
  try {
    return new URL(location, base).href;
  } catch {
    return location;
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
