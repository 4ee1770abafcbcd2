import type pg from 'pg';
import type { EventHandlers, HandlerContext } from '@inlet/kafka-runtime';
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
 * `processedTable`, the event id is recorded there first, as the runtime does, and a duplicate id is committed
 * with no effect.
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
    const tx = await pool.connect();
    try {
      await tx.query('BEGIN');
      const recorded = processedTable
        ? await tx.query(
            `INSERT INTO ${processedTable} (event_id, event_type, topic, "partition", "offset")
             VALUES ($1, $2, 'test', 0, 0) ON CONFLICT (event_id) DO NOTHING`,
            [event.eventId, event.type],
          )
        : undefined;
      if (recorded?.rowCount === 0) skipped.push(event.eventId);
      else {
        const context = {
          tx,
          attempt: 1,
          topic: 'test',
          partition: 0,
          offset: '0',
          headers: {},
          log: silentLog,
        };
        await handler(event, context);
      }
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
