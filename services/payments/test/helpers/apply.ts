import type pg from 'pg';
import type { InletEvent } from '@inlet/schemas';
import {
  createHandlers,
  type LedgerEntryKind,
  type PaymentsEventType,
  type PaymentsHandlerContext,
} from '../../src/handlers/index.js';

const silentLog: PaymentsHandlerContext['log'] = { debug: () => undefined, info: () => undefined };

/**
 * Applies events the way the consumer runtime does: each in its own transaction, given to the handler,
 * committed after it returns (rolled back when it throws). Returns the ledger entry kinds reported.
 */
export function eventApplier(pool: pg.Pool) {
  const entries: LedgerEntryKind[] = [];
  const handlers = createHandlers({ onLedgerEntry: (kind) => entries.push(kind) });
  async function apply(...events: InletEvent[]): Promise<void> {
    for (const event of events) {
      const handler = handlers[event.type as PaymentsEventType] as (
        event: InletEvent,
        context: PaymentsHandlerContext,
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
  return { apply, entries };
}
