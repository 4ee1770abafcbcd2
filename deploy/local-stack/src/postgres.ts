import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import {
  postgresAnswers,
  postgresContainerImage,
  startPostgresContainer,
} from '@inlet/test-harness/postgres-server';

// One probe and one container recipe for the tests and the stack (the test harness's PostgreSQL server module
// loads neither vitest nor any test helper).
export { postgresAnswers };

export const defaultDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * An in-memory PostgreSQL (PGlite, compiled to WebAssembly) served over the PostgreSQL wire protocol, for
 * machines without a PostgreSQL server. PGlite runs one session at a time, so each service gets its own
 * instance with ONE connection: sharing an instance would interleave the services' transactions.
 */
export async function startEmbeddedPostgres(): Promise<EmbeddedPostgres> {
  const db = await PGlite.create();
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgres://postgres@${address}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

export type StackPostgresSource =
  { kind: 'env' | 'default'; url: string } | { kind: 'container' } | { kind: 'embedded'; reason: string };

export interface StackPostgresProbes {
  postgresAnswers(url: string): Promise<boolean>;
  dockerAnswers(): Promise<boolean>;
}

/**
 * The stack's PostgreSQL, in this order:
 *   1. DATABASE_URL, when it answers: a server the developer chose.
 *   2. The default address, when it answers: already running, nothing to start.
 *   3. INLET_CONTAINERS=never: an embedded PGlite per service.
 *   4. A Docker engine answers: one real PostgreSQL container shared by every service (unlike PGlite it takes
 *      many connections, so the services keep their usual pools).
 *   5. Otherwise an embedded PGlite per service (in memory, lost on stop).
 * A DATABASE_URL that does not answer goes on to 3-5 (the default address is not tried in its place): the
 * stack starts anyway, as it always did, and its summary line says so.
 */
export async function chooseStackPostgres(
  inputs: { databaseUrl: string | undefined; containers: 'auto' | 'never' },
  probes: StackPostgresProbes,
): Promise<StackPostgresSource> {
  const configured = inputs.databaseUrl?.trim();
  const url = configured || defaultDatabaseUrl;
  if (await probes.postgresAnswers(url)) return { kind: configured ? 'env' : 'default', url };
  const nothing = `none answers at ${redactUrl(url)}`;
  if (inputs.containers === 'never')
    return { kind: 'embedded', reason: `${nothing}; INLET_CONTAINERS=never` };
  if (await probes.dockerAnswers()) return { kind: 'container' };
  return { kind: 'embedded', reason: `${nothing} and no Docker engine answered` };
}

export interface StackPostgres {
  /** The server every service shares; undefined: each service gets its own embedded PGlite. */
  url: string | undefined;
  /** The start-up line: which path ran. */
  summary: string;
  stop(): Promise<void>;
}

/** Runs the choice and starts what it names (the container; PGlites are started per service by the stack). */
export async function startStackPostgres(
  inputs: { databaseUrl: string | undefined; containers: 'auto' | 'never' },
  probes: StackPostgresProbes,
): Promise<StackPostgres> {
  const source = await chooseStackPostgres(inputs, probes);
  const nothingToStop = async () => undefined;
  switch (source.kind) {
    case 'env':
    case 'default':
      return { url: source.url, summary: `PostgreSQL  ${redactUrl(source.url)}`, stop: nothingToStop };
    case 'embedded':
      return {
        url: undefined,
        summary: `PostgreSQL  ${source.reason}: each service gets an embedded PGlite (in memory, lost on stop)`,
        stop: nothingToStop,
      };
    case 'container': {
      const container = await startPostgresContainer();
      return {
        url: container.url,
        summary: `PostgreSQL  ${redactUrl(container.url)} (from a testcontainers container, ${postgresContainerImage}; lost on stop)`,
        stop: container.stop,
      };
    }
  }
}

function redactUrl(url: string): string {
  return url.replace(/:[^:@/]+@/, ':***@');
}
