import type pg from 'pg';
import { createEventApplier } from '@inlet/service-kit/testing';
import { createHandlers, type FetchTranscript, type MediaEventType } from '../../src/handlers/index.js';

/** Media's handlers applied as the runtime applies them (createEventApplier); keeps the types reported stale. */
export function eventApplier(pool: pg.Pool, fetchTranscript: FetchTranscript) {
  const stale: MediaEventType[] = [];
  const handlers = createHandlers({ fetchTranscript, onStale: (type) => stale.push(type) });
  const { apply } = createEventApplier(pool, handlers);
  return { apply, stale };
}

/**
 * A fetch that answers from a table of URL → transcript text (or error to throw), and counts its calls: the
 * handler tests need no server. (The real fetcher is tested against one in test/transcripts.)
 */
export function tableFetch(table: Record<string, string | Error>) {
  const calls: string[] = [];
  const fetch: FetchTranscript = async (url) => {
    calls.push(url);
    const entry = table[url];
    if (entry === undefined) throw new Error(`test: no transcript for ${url}`);
    if (entry instanceof Error) throw entry;
    return { body: Buffer.from(entry), contentType: 'text/vtt', source: url.replace(/\?.*$/, '') };
  };
  return { fetch, calls };
}
