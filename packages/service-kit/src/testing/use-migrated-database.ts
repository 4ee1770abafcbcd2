import type pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { InletEvent } from '@inlet/schemas';
import { createMigratedDatabase, type MigratedDatabase } from '@inlet/test-harness';

export interface MigratedStore<Applier extends { apply(...events: InletEvent[]): Promise<void> }> {
  readonly db: MigratedDatabase;
  readonly applier: Applier;
  apply(...events: InletEvent[]): Promise<void>;
}

/**
 * A migrated database of the test file's own, opened before its tests and dropped after them, with the
 * service's handlers applying events to it (`applierOf`, e.g. the service's eventApplier; a migrations test
 * needs none). Read its fields inside tests only.
 */
export function useMigratedDatabase(service: MigratingService): { readonly db: MigratedDatabase };
export function useMigratedDatabase<Applier extends { apply(...events: InletEvent[]): Promise<void> }>(
  service: MigratingService,
  applierOf: (pool: pg.Pool) => Applier,
): MigratedStore<Applier>;
export function useMigratedDatabase<Applier extends { apply(...events: InletEvent[]): Promise<void> }>(
  service: MigratingService,
  applierOf?: (pool: pg.Pool) => Applier,
): MigratedStore<Applier> {
  let db: MigratedDatabase | undefined;
  let applier: Applier | undefined;
  const opened = <T>(value: T | undefined, what = 'database'): T => {
    if (value === undefined) throw new Error(`the ${service.name} ${what} is opened in beforeAll`);
    return value;
  };

  beforeAll(async () => {
    db = await createMigratedDatabase((pool) => service.migrate(pool));
    applier = applierOf?.(db.pool);
  });
  afterAll(async () => db?.close());

  return {
    get db() {
      return opened(db);
    },
    get applier() {
      return opened(applier, 'applier (none was given)');
    },
    apply: (...events) => opened(applier, 'applier (none was given)').apply(...events),
  };
}

interface MigratingService {
  name: string;
  migrate(pool: pg.Pool): Promise<unknown>;
}
