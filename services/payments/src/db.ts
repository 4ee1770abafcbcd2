import pg, { type QueryResult, type QueryResultRow } from 'pg';

// bigint (every amount, in minor units) arrives from pg as a string so no value is ever rounded; the queries
// turn it into a number only through toSafeInteger (integers.ts), which refuses what a JavaScript
// number cannot hold exactly. Dates arrive as Date and are serialized as ISO 8601 by the routes.

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
    application_name: 'inlet-payments',
  });
  pool.on('error', (error) => onIdleError?.(error));
  return pool;
}
