import pg from 'pg';
import { createTestDatabase } from './postgres.js';

export interface MigratedDatabase {
  url: string;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** A database of this test file's own, with a service's migrations applied for real (pass service.migrate). */
export async function createMigratedDatabase(
  migrate: (pool: pg.Pool) => Promise<unknown>,
): Promise<MigratedDatabase> {
  const database = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    await database.drop();
    throw error;
  }
  return {
    url: database.url,
    pool,
    async close() {
      await pool.end();
      await database.drop();
    },
  };
}
