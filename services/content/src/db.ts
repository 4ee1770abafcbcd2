import pg, { type QueryResult, type QueryResultRow } from 'pg';

// bigint counters would arrive as strings; the queries cast what they return to float8, which is exact for
// every count below 2^53. timestamptz arrives as Date, serialized as ISO 8601 by the routes; a
// date (an engagement day) is selected as text, because node-pg would turn it into local midnight.

export interface PoolOptions {
  connectionString: string;
  max: number;
  /** Called for errors of idle connections (a restarted server); without a listener they crash the process. */
  onIdleError?: (error: Error) => void;
}

/** What reads need of the pool: a query. Tests and routes depend on this, not on a Pool. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

/** The service's one pool: the consumer's transactions and the read API share it. */
export function createPool({ connectionString, max, onIdleError }: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    // A read that waits this long for a connection fails (503 for readiness, 500 for reads) instead of hanging.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'inlet-content',
  });
  pool.on('error', (error) => onIdleError?.(error));
  return pool;
}
