import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createMigratedDatabase, type MigratedDatabase } from '@inlet/test-harness';
import type { ServiceUnderTest } from './describe-read-api-operations.js';

/** A service's read API on a migrated database of the test's own, built and not listening (use get()). */
export interface ReadApiUnderTest {
  db: MigratedDatabase;
  app: FastifyInstance;
  get(url: string): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The read API with a running consumer: what its routes answer, filled by the test through db.pool. */
export async function startReadApi(
  service: ServiceUnderTest & { migrate(pool: MigratedDatabase['pool']): Promise<unknown> },
): Promise<ReadApiUnderTest> {
  const db = await createMigratedDatabase((pool) => service.migrate(pool));
  const app = await service.buildApp({
    pool: db.pool,
    consumerStatus: () => ({ running: true }),
    metrics: service.createMetrics(),
  });
  return {
    db,
    app,
    get: (url) => app.inject({ method: 'GET', url }),
    async close() {
      await app.close();
      await db.close();
    },
  };
}
