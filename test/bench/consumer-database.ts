import pg from 'pg';
import type { Cleanup } from './cleanup.js';

/** Where the bench creates its databases: DATABASE_URL's server, else the local default. */
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  name: string;
  /** For the service under test (its DATABASE_URL). */
  url: string;
  /** The bench's own connections, for polling and the checks. */
  pool: pg.Pool;
}

/**
 * A database of its own per run and service (inlet_bench_<service>_<time>), so the service migrates an empty
 * schema and the checks see only this run's rows. Dropped by `cleanup`, after the service has stopped (cleanup
 * runs in reverse order, and the service is started after this).
 */
export async function createBenchDatabase(service: string, cleanup: Cleanup): Promise<BenchDatabase> {
  const name = `inlet_bench_${service}_${Date.now()}`;
  await withServer((client) => client.query(`CREATE DATABASE ${name}`));
  cleanup.add(`database ${name}`, () =>
    withServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
      () => undefined,
    ),
  );
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  // An idle connection killed by the drop must not crash the bench.
  pool.on('error', () => undefined);
  cleanup.add(`pool of ${name}`, () => pool.end());
  return { name, url: url.toString(), pool };
}

async function withServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
