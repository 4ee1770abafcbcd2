import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { MigratedDatabase } from '@inlet/test-harness';
import { startReadApi } from './read-api-under-test.js';

/** The read API of a suite: its database and its routes, for use inside its tests. */
export interface ReadApiInSuite {
  readonly db: MigratedDatabase;
  readonly app: FastifyInstance;
  get(url: string): Promise<LightMyRequestResponse>;
}

/**
 * The service's read API over a database of the suite's own (startReadApi), built before its tests and
 * filled by `seed` (events applied by the service's own handlers), closed after them. `get` may be
 * destructured at once; all members are read inside tests.
 */
export function useReadApi(
  service: Parameters<typeof startReadApi>[0],
  seed?: (db: MigratedDatabase) => Promise<unknown>,
): ReadApiInSuite {
  let started: Awaited<ReturnType<typeof startReadApi>> | undefined;
  const running = () => {
    if (!started) throw new Error('the read API is built in beforeAll: use it inside tests');
    return started;
  };

  beforeAll(async () => {
    started = await startReadApi(service);
    await seed?.(started.db);
  });
  afterAll(async () => started?.close());

  return {
    get db() {
      return running().db;
    },
    get app() {
      return running().app;
    },
    get: (url) => running().get(url),
  };
}
