import type pg from 'pg';
import type { InletEvent } from '@inlet/schemas';
import {
  createHandlers,
  type FetchTranscript,
  type MediaEventType,
  type MediaHandlerContext,
} from '../../src/handlers/index.js';

const silentLog: MediaHandlerContext['log'] = { debug: () => undefined, info: () => undefined };

/**
 * Applies events the way the consumer runtime does: each in its own transaction, given to the handler,
 * committed after it returns (rolled back when it throws). Records the types reported stale.
 */
export function eventApplier(pool: pg.Pool, fetchTranscript: FetchTranscript) {
  const stale: MediaEventType[] = [];
  const handlers = createHandlers({ fetchTranscript, onStale: (type) => stale.push(type) });
  async function apply(...events: InletEvent[]): Promise<void> {
    for (const event of events) {
      const handler = handlers[event.type as MediaEventType] as (
        event: InletEvent,
        context: MediaHandlerContext,
      ) => Promise<void>;
      const tx = await pool.connect();
      try {
        await tx.query('BEGIN');
        await handler(event, { tx, log: silentLog });
        await tx.query('COMMIT');
      } catch (error) {
        await tx.query('ROLLBACK');
        throw error;
      } finally {
        tx.release();
      }
    }
  }
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
