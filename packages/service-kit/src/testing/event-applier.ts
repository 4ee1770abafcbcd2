import type pg from 'pg';
import {
  applyBatch,
  isBatchHandler,
  type AnyEventHandler,
  type EventHandlers,
  type HandlerContext,
  type ItemResult,
  type TransactionItem,
} from '@inlet/kafka-runtime';
import type { InletEvent } from '@inlet/schemas';
import { inTransaction } from './in-transaction.js';

const silentLog: HandlerContext['log'] = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export interface EventApplier {
  /** Applies each event in turn, each in its own transaction; the first that throws stops the rest. */
  apply(...events: InletEvent[]): Promise<void>;
  /**
   * Applies the events in ONE batch transaction, as the consumer applies a fetched batch (needs
   * `processedTable`): batch handlers get runs of events together. Resolves with each event's result.
   */
  applyTogether(...events: InletEvent[]): Promise<ItemResult[]>;
  /** The ids skipped as already processed (only with `processedTable`). */
  skipped: string[];
}

/**
 * Applies events to a service's handlers the way the consumer runtime does, without Kafka: given to its handler
 * (a batch handler gets it alone), committed after it returns and rolled back when it throws. With
 * `processedTable`, through the runtime's own applyBatch: the event id is recorded there first and a duplicate id
 * is committed with no effect.
 */
export function createEventApplier(
  pool: pg.Pool,
  handlers: EventHandlers,
  { processedTable }: { processedTable?: string } = {},
): EventApplier {
  const skipped: string[] = [];
  const itemOf = (event: InletEvent, offset: number): TransactionItem => {
    const handler = handlers[event.type] as AnyEventHandler | undefined;
    if (!handler) throw new Error(`no handler for ${event.type}`);
    const where = { topic: 'test', partition: 0, offset: String(offset) };
    return {
      record: { eventId: event.eventId, eventType: event.type, ...where },
      event,
      handler,
      context: { attempt: 1, headers: {}, log: silentLog, ...where },
    };
  };
  async function applyTogether(...events: InletEvent[]): Promise<ItemResult[]> {
    if (!processedTable) throw new Error('applyTogether needs a processedTable');
    const results = await applyBatch(pool, processedTable, events.map(itemOf));
    results.forEach((result, index) => {
      if (result.status === 'duplicate') skipped.push(events[index]!.eventId);
    });
    return results;
  }
  async function applyOne(event: InletEvent): Promise<void> {
    if (processedTable) {
      const [result] = await applyTogether(event);
      if (result!.status === 'failed') throw result!.error;
      return;
    }
    const { handler, context } = itemOf(event, 0);
    await inTransaction(pool, async (tx) => {
      if (isBatchHandler(handler)) await handler.applyMany([event], { ...context, tx });
      else await handler(event, { ...context, tx });
    });
  }
  return {
    async apply(...events) {
      for (const event of events) await applyOne(event);
    },
    applyTogether,
    skipped,
  };
}
