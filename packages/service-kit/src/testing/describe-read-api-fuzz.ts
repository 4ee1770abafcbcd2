import type pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { InletEvent } from '@inlet/schemas';
import { describeReadApiFuzz, type ReadApiFuzz } from '@inlet/test-harness';
import type { ServiceUnderTest } from './describe-read-api-operations.js';
import { startReadApi, type ReadApiUnderTest } from './read-api-under-test.js';

export interface ServiceReadApiFuzz<Kind extends string> extends Omit<
  ReadApiFuzz<Kind>,
  'service' | 'app' | 'runsPerRoute'
> {
  /** Generated requests per route; default 150. */
  runsPerRoute?: number;
  /** The service's handlers as its tests apply them (its test helpers' eventApplier). */
  applier: (pool: pg.Pool) => { apply(...events: InletEvent[]): Promise<void> };
  /** Applied before the requests, so that some of them find rows. */
  seedEvents: InletEvent[];
}

/** describeReadApiFuzz of @inlet/test-harness, on a defined service's read API over a seeded database. */
export function describeServiceReadApiFuzz<Kind extends string>(
  service: ServiceUnderTest & Parameters<typeof startReadApi>[0],
  { applier, seedEvents, runsPerRoute = 150, ...fuzz }: ServiceReadApiFuzz<Kind>,
) {
  let api: ReadApiUnderTest;
  beforeAll(async () => {
    api = await startReadApi(service);
    await applier(api.db.pool).apply(...seedEvents);
  });
  afterAll(async () => {
    await api?.close();
  });
  describeReadApiFuzz({ ...fuzz, runsPerRoute, service: service.name, app: () => api.app });
}
