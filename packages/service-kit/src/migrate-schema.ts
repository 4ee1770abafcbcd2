import pg from 'pg';
import { runner } from 'node-pg-migrate';

export interface MigrationLogger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

const silent: MigrationLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Applies every pending migration of a service's migrations/ folder to its schema (created when missing),
 * recording them in <schema>.pgmigrations. Returns the names applied; an up-to-date database gives [].
 *
 * Replicas starting together queue on a blocking advisory lock of their own instead of node-pg-migrate's
 * try-lock, which makes every replica but one fail at start. The lock is per service, so services sharing a
 * database migrate in parallel. With a pool, the migration runs on one of its connections: the local stack's
 * embedded PostgreSQL accepts a single connection per service.
 */
export async function migrateSchema({
  target,
  schema,
  migrationsDir,
  log = silent,
}: {
  /** A connection string (a pool of one is made and closed) or the service's pool. */
  target: string | pg.Pool;
  /** The schema the service owns; created when missing, its migrations recorded in <schema>.pgmigrations. */
  schema: string;
  /** The service's migrations/ folder. */
  migrationsDir: string;
  log?: MigrationLogger;
}): Promise<string[]> {
  const pool = typeof target === 'string' ? new pg.Pool({ connectionString: target, max: 1 }) : target;
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`inlet.${schema}.migrations`]);
    try {
      const applied = await runner({
        dbClient: client,
        noLock: true,
        dir: migrationsDir,
        direction: 'up',
        schema,
        createSchema: true,
        migrationsSchema: schema,
        migrationsTable: 'pgmigrations',
        checkOrder: true,
        // All pending migrations commit together or not at all: the schema is never half-upgraded.
        singleTransaction: true,
        logger: {
          debug: () => undefined,
          info: (msg) => log.info(msg),
          warn: (msg) => log.warn(msg),
          error: (msg) => log.error(msg),
        },
      });
      return applied.map((migration) => migration.name);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`inlet.${schema}.migrations`]);
      // The runner set search_path on this connection; the pool's next user must not inherit it.
      await client.query('RESET search_path');
    }
  } finally {
    client.release();
    if (typeof target === 'string') await pool.end();
  }
}
