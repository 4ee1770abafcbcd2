import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { migrateSchema, type MigrationLogger } from '@inlet/service-kit';

/** The schema the grades service owns; nothing of it lives anywhere else. */
export const schema = 'grades';

/** Beside src/ and dist/ alike, so the same path works from the sources and from the built image. */
export const migrationsDir = fileURLToPath(new URL('../migrations', import.meta.url));

export type { MigrationLogger };

/**
 * Applies the pending migrations of migrations/ to the `grades` schema (see migrateSchema in @inlet/service-kit:
 * one advisory lock per service, all pending migrations in one transaction). Returns the names applied.
 */
export function migrate(target: string | pg.Pool, log?: MigrationLogger): Promise<string[]> {
  return migrateSchema({ target, schema, migrationsDir, ...(log ? { log } : {}) });
}
