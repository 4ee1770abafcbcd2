import pg from 'pg';
import type { ContainerPolicy } from '@inlet/local-kafka';

/** The server tests use when DATABASE_URL is unset (CI runs one there). */
export const defaultDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The same major version as docker-compose.yml's PostgreSQL. */
export const postgresContainerImage = 'postgres:16-alpine';

export type TestPostgresSource =
  | { kind: 'env'; url: string }
  | { kind: 'default'; url: string }
  | { kind: 'container' }
  | { kind: 'missing'; url: string; reason: string };

export interface TestPostgresProbes {
  postgresAnswers(url: string): Promise<boolean>;
  dockerAnswers(): Promise<boolean>;
}

/**
 * The PostgreSQL server of a test run, in this order:
 *   1. DATABASE_URL: that server, as given (createTestDatabase reports it if it does not answer).
 *   2. A server answering at the default address: it is already there and costs nothing to start, and it is
 *      what CI runs; a container would add an image pull and a start for no gain.
 *   3. INLET_CONTAINERS=never: none (createTestDatabase then says what to start).
 *   4. A Docker engine answers: a PostgreSQL container for the run.
 *   5. Otherwise none.
 * Each probe is called only when its answer decides.
 */
export async function chooseTestPostgres(
  inputs: { databaseUrl: string | undefined; containers: ContainerPolicy },
  probes: TestPostgresProbes,
): Promise<TestPostgresSource> {
  const configured = inputs.databaseUrl?.trim();
  if (configured) return { kind: 'env', url: configured };
  if (await probes.postgresAnswers(defaultDatabaseUrl)) return { kind: 'default', url: defaultDatabaseUrl };
  if (inputs.containers === 'never') {
    return { kind: 'missing', url: defaultDatabaseUrl, reason: 'INLET_CONTAINERS=never' };
  }
  if (await probes.dockerAnswers()) return { kind: 'container' };
  return { kind: 'missing', url: defaultDatabaseUrl, reason: 'no Docker engine answered' };
}

/** True when a PostgreSQL server accepts a connection and a query at `url`, within a short timeout. */
export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface PostgresContainer {
  /** A superuser connection string: createTestDatabase creates one database per test file on it. */
  url: string;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL container for the whole run (testcontainers' reaper removes it if the run is killed). The user
 * is a superuser named postgres, as on the default server, so CREATE DATABASE works the same.
 */
export async function startPostgresContainer(): Promise<PostgresContainer> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer(postgresContainerImage)
    .withUsername('postgres')
    .withPassword('postgres')
    .withDatabase('postgres')
    .start();
  let stopped: Promise<void> | undefined;
  return {
    url: container.getConnectionUri(),
    stop: () => (stopped ??= container.stop().then(() => undefined)),
  };
}

export interface TestPostgres {
  /** The server URL handed to every test file (createTestDatabase makes one database per file on it). */
  url: string;
  stop(): Promise<void>;
}

/** Runs the choice for the global setup and says which path ran. */
export async function startTestPostgres(
  inputs: { databaseUrl: string | undefined; containers: ContainerPolicy },
  probes: TestPostgresProbes,
  log: (line: string) => void,
): Promise<TestPostgres> {
  const source = await chooseTestPostgres(inputs, probes);
  const nothingToStop = async () => undefined;
  switch (source.kind) {
    case 'env':
      log(`PostgreSQL at ${redact(source.url)} (DATABASE_URL)`);
      return { url: source.url, stop: nothingToStop };
    case 'default':
      log(`PostgreSQL at ${source.url} (answers at the default address)`);
      return { url: source.url, stop: nothingToStop };
    case 'missing':
      // Not fatal here: a run that needs no database (e.g. one package's unit tests) still works; the first
      // createTestDatabase() names the server and the variable to set.
      log(`no PostgreSQL answers at ${source.url}, and none is started (${source.reason})`);
      return { url: source.url, stop: nothingToStop };
    case 'container': {
      const container = await startPostgresContainer();
      log(
        `PostgreSQL from a testcontainers container (${postgresContainerImage}) at ${redact(container.url)}`,
      );
      return container;
    }
  }
}

/** Connection strings may carry a password; errors and logs never do. */
export function redact(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '<unparseable connection string>';
  }
}
