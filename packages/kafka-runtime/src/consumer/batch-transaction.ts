import type pg from 'pg';
import type { InletEvent } from '@inlet/schemas';
import { ConsumerError } from './consumer-errors.js';
import type { ProcessedRecord } from './idempotency.js';
import { isBatchHandler, type AnyEventHandler, type HandlerContext, type HandlerLogger } from './types.js';

/** One event to apply, with the handler of its type and the context its handler is given. */
export interface TransactionItem {
  record: ProcessedRecord;
  event: InletEvent;
  handler: AnyEventHandler;
  /** The handler's context without the transaction (the runtime adds it). */
  context: Omit<HandlerContext, 'tx'>;
  /** Runs `work` in the item's trace context, so the statements it sends are traced under its message. */
  within?: <T>(work: () => Promise<T>) => Promise<T>;
}

export type ItemResult =
  { status: 'processed' } | { status: 'duplicate' } | { status: 'failed'; error: unknown };

const savepoint = 'inlet_apply';

/**
 * Applies a batch of events exactly once, in ONE transaction:
 *
 * 1. one multi-row INSERT of their ids into the processed-events table, ON CONFLICT DO NOTHING RETURNING:
 *    the ids it returns are new, the others were applied before (duplicates, no effect);
 * 2. each run of consecutive new events under a SAVEPOINT: a run of events sharing a batch handler in one
 *    `applyMany` call, any other event alone. A run that fails is rolled back to its savepoint and applied
 *    again one event at a time, so that only the event at fault fails; its id is deleted again, so that its
 *    retry is not taken for a duplicate;
 * 3. COMMIT: the effects and their ids together, or neither.
 *
 * Results are per item, in order; a `failed` item is the event's fault (for the retry ladder). Anything that
 * leaves the transaction's outcome unknown (no connection, a failed INSERT, ROLLBACK TO SAVEPOINT or COMMIT)
 * throws a retryable ConsumerError instead: nothing of the batch can be taken as durable, and the caller must
 * not move past it. An id that appears twice in `items` is applied once (the first) and the second is a duplicate.
 */
export async function applyBatch(
  pool: pg.Pool,
  table: string,
  items: readonly TransactionItem[],
): Promise<ItemResult[]> {
  const results: ItemResult[] = items.map(() => ({ status: 'duplicate' }));
  if (items.length === 0) return results;
  const within = items[0]!.within ?? ((work) => work());
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw databaseFailure('could not get a PostgreSQL connection', error);
  }
  // A client whose transaction state is unknown is destroyed on release instead of going back to the pool.
  let broken: Error | undefined;
  let savepointSet = false;
  try {
    const fresh = await within(() => beginAndRecord(client, table, items));
    const failedIds: string[] = [];
    for (const run of runsOf(fresh)) {
      const error = await applyRun(client, run);
      if (error === undefined) {
        for (const index of run) results[index] = { status: 'processed' };
      } else if (run.length === 1) {
        results[run[0]!] = { status: 'failed', error };
        failedIds.push(items[run[0]!]!.record.eventId);
      } else {
        for (const index of run) {
          const alone = await applyRun(client, [index]);
          if (alone === undefined) results[index] = { status: 'processed' };
          else {
            results[index] = { status: 'failed', error: alone };
            failedIds.push(items[index]!.record.eventId);
          }
        }
      }
    }
    await within(() => forgetAndCommit(client, table, failedIds));
    return results;
  } catch (error) {
    broken = await rollback(client);
    throw error instanceof ConsumerError ? error : databaseFailure('the batch transaction failed', error);
  } finally {
    client.release(broken);
  }

  /**
   * Applies the items at `run` under the savepoint; resolves with the error that rolled it back, if any. A run
   * that succeeded releases the savepoint and sets the next run's in ONE round trip (a handler that swallowed a
   * failed statement makes that RELEASE fail, so the run is still the one at fault); a rolled-back savepoint
   * stays set for the next run.
   */
  async function applyRun(tx: pg.PoolClient, run: readonly number[]): Promise<unknown> {
    const first = items[run[0]!]!;
    const inTrace = first.within ?? ((work) => work());
    if (!savepointSet) {
      await inTrace(() => tx.query(`SAVEPOINT ${savepoint}`));
      savepointSet = true;
    }
    try {
      await inTrace(() =>
        applyItems(
          tx,
          run.map((index) => items[index]!),
        ),
      );
      await inTrace(() => tx.query(`RELEASE SAVEPOINT ${savepoint}; SAVEPOINT ${savepoint}`));
      return undefined;
    } catch (error) {
      try {
        await inTrace(() => tx.query(`ROLLBACK TO SAVEPOINT ${savepoint}`));
      } catch (rollbackError) {
        throw databaseFailure('could not roll back a failed event to its savepoint', rollbackError);
      }
      return error;
    }
  }

  /** Indexes of the new items, grouped into runs (see applyBatch). */
  function runsOf(fresh: ReadonlySet<number>): number[][] {
    const runs: number[][] = [];
    for (const index of [...fresh].sort((a, b) => a - b)) {
      const handler = items[index]!.handler;
      const last = runs.at(-1);
      if (last && isBatchHandler(handler) && items[last[0]!]!.handler === handler) last.push(index);
      else runs.push([index]);
    }
    return runs;
  }
}

/** BEGIN and the multi-row INSERT of the ids; resolves with the indexes of the items applied first here. */
async function beginAndRecord(
  client: pg.PoolClient,
  table: string,
  items: readonly TransactionItem[],
): Promise<Set<number>> {
  const firstIndexOf = new Map<string, number>();
  items.forEach((item, index) => {
    if (!firstIndexOf.has(item.record.eventId)) firstIndexOf.set(item.record.eventId, index);
  });
  const records = [...firstIndexOf.values()].map((index) => items[index]!.record);
  try {
    await client.query('BEGIN');
    const inserted = await client.query<{ event_id: string }>(
      `INSERT INTO ${table} (event_id, event_type, topic, "partition", "offset")
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::bigint[])
       ON CONFLICT (event_id) DO NOTHING
       RETURNING event_id`,
      [
        records.map((record) => record.eventId),
        records.map((record) => record.eventType),
        records.map((record) => record.topic),
        records.map((record) => record.partition),
        records.map((record) => record.offset),
      ],
    );
    return new Set(inserted.rows.map((row) => firstIndexOf.get(row.event_id)!));
  } catch (error) {
    const more = records.length > 1 ? ` and ${records.length - 1} more` : '';
    throw databaseFailure(`could not record event ${records[0]!.eventId}${more} in ${table}`, error);
  }
}

async function applyItems(tx: pg.PoolClient, run: readonly TransactionItem[]): Promise<void> {
  const first = run[0]!;
  if (isBatchHandler(first.handler)) {
    await first.handler.applyMany(
      run.map((item) => item.event),
      { tx, topic: first.context.topic, partition: first.context.partition, log: batchLog(run) },
    );
    return;
  }
  await first.handler(first.event, { ...first.context, tx });
}

async function forgetAndCommit(client: pg.PoolClient, table: string, failedIds: string[]): Promise<void> {
  try {
    if (failedIds.length > 0) {
      await client.query(`DELETE FROM ${table} WHERE event_id = ANY($1::text[])`, [failedIds]);
    }
    const commit = await client.query('COMMIT');
    // COMMIT of a transaction in which a statement failed unnoticed answers ROLLBACK without raising: taking
    // that for success would commit the offsets of effects that are gone.
    if (commit.command !== 'COMMIT') throw new Error('the transaction was rolled back by PostgreSQL');
  } catch (error) {
    throw databaseFailure('could not commit the batch', error);
  }
}

/** The log of a run: one line names the first event of the run and how many it holds. */
function batchLog(run: readonly TransactionItem[]): HandlerLogger {
  const log = run[0]!.context.log;
  const fields = { events: run.length };
  return {
    info: (obj, msg) => log.info({ ...fields, ...obj }, msg),
    warn: (obj, msg) => log.warn({ ...fields, ...obj }, msg),
    error: (obj, msg) => log.error({ ...fields, ...obj }, msg),
    debug: (obj, msg) => log.debug({ ...fields, ...obj }, msg),
  };
}

async function rollback(client: pg.PoolClient): Promise<Error | undefined> {
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function databaseFailure(what: string, error: unknown): ConsumerError {
  return new ConsumerError('INLET_DATABASE_FAILED', `${what}: ${(error as Error).message}`, {
    retryable: true,
    cause: error,
  });
}
