import pg from 'pg';
import { inject } from 'vitest';
import { uniqueName } from './kafka.js';
import { defaultDatabaseUrl, redact } from './postgres-server.js';

export { defaultDatabaseUrl, redact };

export interface TestDatabase {
  /** Connection string of a database that exists only for this test file. */
  url: string;
  name: string;
  /** Drops the database (closing any connection still open to it). */
  drop(): Promise<void>;
}

/**
 * Creates an empty database for one test file, so files running in parallel never see each other's tables,
 * on the run's server: DATABASE_URL, else the one the global setup chose (the default address, or a
 * PostgreSQL container when only Docker was there). Call `drop()` in afterAll.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL ?? inject('databaseUrl') ?? defaultDatabaseUrl;
  const name = uniqueName('inlet_test').replaceAll('-', '_');
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => dropDatabase(serverUrl, name),
  };
}

/**
 * Drops politely first: a pool that is still closing would otherwise see its connection terminated
 * ("terminating connection due to administrator command") and, without an error listener, crash the test
 * process. Only a database still in use after a bounded wait is dropped WITH (FORCE).
 */
async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withAdminClient(serverUrl, async (client) => {
    for (let attempt = 0; attempt < 25; attempt++) {
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name}`);
        return;
      } catch (error) {
        // 55006: object_in_use (other sessions are still connected).
        if ((error as { code?: string }).code !== '55006') throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}

async function withAdminClient<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not answering at ${redact(serverUrl)} (DATABASE_URL): ${(error as Error).message}. ` +
        'Start PostgreSQL, point DATABASE_URL at one, or start a Docker engine (the test run then starts a ' +
        'PostgreSQL container unless INLET_CONTAINERS=never).',
      { cause: error },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
