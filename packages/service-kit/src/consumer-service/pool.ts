import pg, { type QueryResult, type QueryResultRow } from 'pg';

/** What reads need of the pool: a query. Routes and tests depend on this, not on a Pool. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

export interface PoolOptions {
  connectionString: string;
  max: number;
  /** Shown in pg_stat_activity: inlet-<service>. */
  applicationName: string;
  /** Called for errors of idle connections (a restarted server); without a listener they crash the process. */
  onIdleError?: (error: Error) => void;
}

/** The service's one pool: the consumer's transactions and the read API share it. */
export function createPool({ connectionString, max, applicationName, onIdleError }: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    // A read that waits this long for a connection fails (503 for readiness, 500 for reads) instead of hanging.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: applicationName,
  });
  pool.on('error', (error) => onIdleError?.(error));
  return pool;
}
