import type pg from 'pg';
import type { InletEvent } from '@inlet/schemas';
import { createHandlers, type GradesEventType, type GradesHandlerContext } from '../../src/handlers/index.js';

const silentLog: GradesHandlerContext['log'] = { debug: () => undefined, info: () => undefined };

/**
 * Applies events the way the consumer runtime does: each in its own transaction, given to the handler,
 * committed after it returns (rolled back when it throws). Returns the types reported stale.
 */
export function eventApplier(pool: pg.Pool) {
  const stale: GradesEventType[] = [];
  const handlers = createHandlers({ onStale: (type) => stale.push(type) });
  async function apply(...events: InletEvent[]): Promise<void> {
    for (const event of events) {
      const handler = handlers[event.type as GradesEventType] as (
        event: InletEvent,
        context: GradesHandlerContext,
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
