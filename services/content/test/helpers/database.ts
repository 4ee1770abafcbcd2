import pg from 'pg';
import { createTestDatabase } from '@inlet/test-harness';
import { migrate } from '../../src/migrate.js';

export interface MigratedDatabase {
  url: string;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** A database of this test file's own, with the content migrations applied for real. */
export async function createMigratedDatabase(): Promise<MigratedDatabase> {
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
