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
 * makes a redelivered event a no-op: its second INSERT conflicts inside the transaction that applies it
 * (batch-transaction.ts). The
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
