import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, redact, type TestDatabase } from '../src/index.js';

describe('the real PostgreSQL of the test run', () => {
  let database: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('round-trips a row through a database that belongs to this file alone', async () => {
    await pool.query('CREATE TABLE grades (user_id text PRIMARY KEY, score numeric(8,2) NOT NULL)');
    await pool.query('INSERT INTO grades (user_id, score) VALUES ($1, $2)', ['u-1', '87.50']);
    const { rows } = await pool.query<{ user_id: string; score: string }>('SELECT * FROM grades');
    expect(rows).toEqual([{ user_id: 'u-1', score: '87.50' }]);
    const { rows: current } = await pool.query<{ name: string }>('SELECT current_database() AS name');
    expect(current[0]?.name).toBe(database.name);
  });

  it('drops the database on cleanup', async () => {
    const other = await createTestDatabase();
    await other.drop();
    const { rows } = await pool.query('SELECT 1 FROM pg_database WHERE datname = $1', [other.name]);
    expect(rows).toHaveLength(0);
  });

  it('names the missing server, without its password, when PostgreSQL does not answer', async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = 'postgres://postgres:s3cret@127.0.0.1:1/postgres';
    try {
      const error = await createTestDatabase().catch((caught: unknown) => caught as Error);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(
        /PostgreSQL is not answering at .*127\.0\.0\.1:1.*DATABASE_URL/,
      );
      expect((error as Error).message).not.toContain('s3cret');
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });

  it('redacts passwords from connection strings', () => {
    expect(redact('postgres://u:pw@h:5432/db')).toBe('postgres://u:***@h:5432/db');
  });
});
