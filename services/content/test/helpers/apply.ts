import type pg from 'pg';
import type { InletEvent } from '@inlet/schemas';
import {
  createHandlers,
  type ContentEventType,
  type ContentHandlerContext,
} from '../../src/handlers/index.js';
import { content } from '../../src/service.js';

const silentLog: ContentHandlerContext['log'] = { debug: () => undefined, info: () => undefined };

/**
 * Applies events the way the consumer runtime does: each in its own transaction, in which the event id is
 * recorded in content.processed_events first (a duplicate id is skipped: committed with no effect), then the
 * handler runs, then COMMIT (ROLLBACK when it throws). Keeps the types reported stale and the ids skipped.
 */
export function eventApplier(pool: pg.Pool) {
  const stale: ContentEventType[] = [];
  const skipped: string[] = [];
  const handlers = createHandlers({ onStale: (type) => stale.push(type) });
  async function apply(...events: InletEvent[]): Promise<void> {
    for (const event of events) {
      const handler = handlers[event.type as ContentEventType] as (
        event: InletEvent,
        context: ContentHandlerContext,
      ) => Promise<void>;
      const tx = await pool.connect();
      try {
        await tx.query('BEGIN');
        const recorded = await tx.query(
          `INSERT INTO ${content.processedTable} (event_id, event_type, topic, "partition", "offset")
           VALUES ($1, $2, 'test', 0, 0) ON CONFLICT (event_id) DO NOTHING`,
          [event.eventId, event.type],
        );
        if (recorded.rowCount === 0) skipped.push(event.eventId);
        else await handler(event, { tx, log: silentLog });
        await tx.query('COMMIT');
      } catch (error) {
        await tx.query('ROLLBACK');
        throw error;
      } finally {
        tx.release();
      }
    }
  }
  return { apply, stale, skipped };
}
