import type pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { describeReadApiFuzz, type ReadApiFuzz } from '@inlet/test-harness';
import type { ServiceUnderTest } from './describe-read-api-operations.js';
import { startReadApi, type ReadApiUnderTest } from './read-api-under-test.js';

export interface ServiceReadApiFuzz<Kind extends string> extends Omit<ReadApiFuzz<Kind>, 'service' | 'app'> {
  /** Stores the rows the generated requests find (through the service's handlers, on the migrated database). */
  seed: (pool: pg.Pool) => Promise<unknown>;
}

/** describeReadApiFuzz of @inlet/test-harness, on a defined service's read API over a seeded database. */
export function describeServiceReadApiFuzz<Kind extends string>(
  service: ServiceUnderTest & Parameters<typeof startReadApi>[0],
  { seed, ...fuzz }: ServiceReadApiFuzz<Kind>,
) {
  let api: ReadApiUnderTest;
  beforeAll(async () => {
    api = await startReadApi(service);
    await seed(api.db.pool);
  });
  afterAll(async () => {
    await api?.close();
  });
  describeReadApiFuzz({ ...fuzz, service: service.name, app: () => api.app });
}
