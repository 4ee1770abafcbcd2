import type pg from 'pg';
import { applyOnce, type EventHandlers, type HandlerContext } from '@inlet/kafka-runtime';
import type { InletEvent } from '@inlet/schemas';

const silentLog: HandlerContext['log'] = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export interface EventApplier {
  /** Applies each event in turn, each in its own transaction; the first that throws stops the rest. */
  apply(...events: InletEvent[]): Promise<void>;
  /** The ids skipped as already processed (only with `processedTable`). */
  skipped: string[];
}

/**
 * Applies events to a service's handlers the way the consumer runtime does, without Kafka: each event in its own
 * transaction, given to its handler, committed after it returns and rolled back when it throws. With
 * `processedTable`, through the runtime's applyOnce: the event id is recorded there first and a duplicate id is
 * committed with no effect.
 */
export function createEventApplier(
  pool: pg.Pool,
  handlers: EventHandlers,
  { processedTable }: { processedTable?: string } = {},
): EventApplier {
  const skipped: string[] = [];
  async function applyOne(event: InletEvent): Promise<void> {
    const handler = handlers[event.type] as
      ((event: InletEvent, context: HandlerContext) => Promise<void>) | undefined;
    if (!handler) throw new Error(`no handler for ${event.type}`);
    const effect = (tx: pg.PoolClient) =>
      handler(event, {
        tx,
        attempt: 1,
        topic: 'test',
        partition: 0,
        offset: '0',
        headers: {},
        log: silentLog,
      });
    if (processedTable) {
      // The runtime's own applyOnce: the id recorded, then the effect, in one transaction.
      const record = {
        eventId: event.eventId,
        eventType: event.type,
        topic: 'test',
        partition: 0,
        offset: '0',
      };
      const result = await applyOnce(pool, processedTable, record, effect);
      if (result.status === 'duplicate') skipped.push(event.eventId);
      if (result.status === 'failed') throw result.error;
      return;
    }
    const tx = await pool.connect();
    try {
      await tx.query('BEGIN');
      await effect(tx);
      await tx.query('COMMIT');
    } catch (error) {
      await tx.query('ROLLBACK');
      throw error;
    } finally {
      tx.release();
    }
  }
  return {
    async apply(...events) {
      for (const event of events) await applyOne(event);
    },
    skipped,
  };
}
