import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { InletEvent } from '@inlet/schemas';
import { createMigratedDatabase, type MigratedDatabase } from '@inlet/test-harness';
import { content } from '../../src/service.js';
import { eventApplier } from './apply.js';

export const newId = (prefix: string) => `${prefix}-${randomUUID()}`;

export interface ContentDatabase {
  db: MigratedDatabase;
  applier: ReturnType<typeof eventApplier>;
  apply(...events: InletEvent[]): Promise<void>;
}

/**
 * A migrated database of the test file's own, opened before its tests and dropped after them, with the real
 * handlers applying events to it the way the consumer runtime does. Read its fields inside tests only.
 */
export function useContentDatabase(): ContentDatabase {
  let db: MigratedDatabase | undefined;
  let applier: ReturnType<typeof eventApplier> | undefined;
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the content database is opened in beforeAll');
    return value;
  };

  beforeAll(async () => {
    db = await createMigratedDatabase(content.migrate);
    applier = eventApplier(db.pool);
  });
  afterAll(async () => db?.close());

  return {
    get db() {
      return opened(db);
    },
    get applier() {
      return opened(applier);
    },
    apply: (...events) => opened(applier).apply(...events),
  };
}
