import type pg from 'pg';
import { ConsumerError } from './consumer-errors.js';

/** `schema.table` or `table`, plain identifiers only: the name is spliced into SQL. */
const qualifiedName = /^[A-Za-z_][A-Za-z0-9_]{0,62}(\.[A-Za-z_][A-Za-z0-9_]{0,62})?$/;

export function assertTableName(table: string): void {
  if (!qualifiedName.test(table)) {
    throw new ConsumerError(
      'INLET_CONSUMER_CONFIG_INVALID',
      `processedTable "${table}" is not a plain [schema.]table name`,
      { retryable: false },
    );
  }
}

/**
 * DDL of the table that records processed event ids, for a service's migrations. The primary key is what
 * makes a redelivered event a no-op: its second INSERT conflicts inside the handler's own transaction. The
 * index on processed_at lets the retention cleanup find the oldest ids without reading the whole table.
 */
export function processedEventsTableSql(table: string): string {
  assertTableName(table);
  const indexName = `${table.split('.').at(-1)}_processed_at_idx`;
  return `CREATE TABLE IF NOT EXISTS ${table} (
  event_id text PRIMARY KEY,
  event_type text NOT NULL,
  topic text NOT NULL,
  "partition" integer NOT NULL,
  "offset" bigint NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ${indexName} ON ${table} (processed_at);`;
}

/** Where the event was read from when it was applied (a main or retry topic). */
export interface ProcessedRecord {
  eventId: string;
  eventType: string;
  topic: string;
  partition: number;
  offset: string;
}

export type OnceResult =
  { status: 'processed' } | { status: 'duplicate' } | { status: 'failed'; error: unknown };

/**
 * Applies an effect at most once per event id: in ONE transaction, records the id (ON CONFLICT DO NOTHING)
 * and, when it was new, runs the effect; both commit or neither does.
 *
 * Failures of the effect (or its COMMIT) come back as `failed` for the retry ladder. Failures before the
 * effect runs (no connection, the processed table gone) throw a ConsumerError instead: they are not the
 * message's fault, so the consumer redelivers the message rather than spend its retries.
 */
export async function applyOnce(
  pool: pg.Pool,
  table: string,
  record: ProcessedRecord,
  effect: (tx: pg.PoolClient) => Promise<void>,
): Promise<OnceResult> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw databaseFailure('could not get a PostgreSQL connection', error);
  }
  // A client whose transaction state is unknown is destroyed on release instead of going back to the pool.
  let broken: Error | undefined;
  try {
    try {
      await client.query('BEGIN');
      const recorded = await client.query(
        `INSERT INTO ${table} (event_id, event_type, topic, "partition", "offset")
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id) DO NOTHING`,
        [record.eventId, record.eventType, record.topic, record.partition, record.offset],
      );
      if (recorded.rowCount === 0) {
        await client.query('COMMIT');
        return { status: 'duplicate' };
      }
    } catch (error) {
      broken = await rollback(client);
      throw databaseFailure(`could not record event ${record.eventId} in ${table}`, error);
    }
    try {
      await effect(client);
      const commit = await client.query('COMMIT');
      // COMMIT of a transaction in which a statement failed (and the handler swallowed the error) answers
      // ROLLBACK without raising: treating that as success would commit the offset of an effect that is gone.
      if (commit.command !== 'COMMIT') {
        throw new Error('the transaction was rolled back: a statement in the handler failed');
      }
      return { status: 'processed' };
    } catch (error) {
      broken = await rollback(client);
      return { status: 'failed', error };
    }
  } finally {
    client.release(broken);
  }
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
