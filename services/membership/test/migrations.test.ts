import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processedEventsTableSql } from '@inlet/kafka-runtime';
import { createTestDatabase, type TestDatabase } from '@inlet/test-harness';
import { migrate } from '../src/migrate.js';

describe('migrations', () => {
  let database: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  const tablesIn = async (schema: string) =>
    (
      await pool.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
        [schema],
      )
    ).rows.map((row) => row.table_name);

  it('apply on an empty database: the membership schema, its tables and its migrations table, nothing in public', async () => {
    const applied = await migrate(database.url);

    expect(applied).toEqual([
      '1767225600000_processed-events',
      '1767225600001_members',
      '1796325867158_processed-events-retention',
    ]);
    expect(await tablesIn('membership')).toEqual([
      'member_events',
      'members',
      'pgmigrations',
      'processed_events',
    ]);
    expect(await tablesIn('public')).toEqual([]);
  });

  it('a second run applies nothing and changes nothing', async () => {
    const before = await pool.query('SELECT name, run_on FROM membership.pgmigrations ORDER BY id');
    expect(await migrate(pool)).toEqual([]);
    const after = await pool.query('SELECT name, run_on FROM membership.pgmigrations ORDER BY id');
    expect(after.rows).toEqual(before.rows);
  });

  it('replicas migrating at the same moment queue on the lock instead of failing', async () => {
    const fresh = await createTestDatabase();
    try {
      const results = await Promise.all([migrate(fresh.url), migrate(fresh.url), migrate(fresh.url)]);
      expect(results.map((names) => names.length).sort()).toEqual([0, 0, 3]);
    } finally {
      await fresh.drop();
    }
  });

  it('leaves the pooled connection it used with the default search_path', async () => {
    const single = new pg.Pool({ connectionString: database.url, max: 1 });
    try {
      await migrate(single);
      const { rows } = await single.query<{ search_path: string }>('SHOW search_path');
      expect(rows[0]?.search_path).toBe('"$user", public');
    } finally {
      await single.end();
    }
  });

  // The migration writes the DDL out (an applied migration must never change); this keeps it equal to the
  // runtime's processedEventsTableSql, which the runtime's INSERT is written against.
  it("processed_events is the table the consumer runtime's processedEventsTableSql creates", async () => {
    await pool.query('CREATE SCHEMA runtime_ddl');
    await pool.query(processedEventsTableSql('runtime_ddl.processed_events'));
    const shape = async (schema: string) => ({
      columns: (
        await pool.query(
          `SELECT column_name, data_type, is_nullable, column_default
             FROM information_schema.columns
            WHERE table_schema = $1 AND table_name = 'processed_events'
            ORDER BY ordinal_position`,
          [schema],
        )
      ).rows,
      primaryKey: (
        await pool.query(
          `SELECT kcu.column_name
             FROM information_schema.table_constraints tc
             JOIN information_schema.key_column_usage kcu USING (constraint_schema, constraint_name)
            WHERE tc.table_schema = $1 AND tc.table_name = 'processed_events' AND tc.constraint_type = 'PRIMARY KEY'`,
          [schema],
        )
      ).rows,
    });
    const runtime = await shape('runtime_ddl');
    expect(runtime.columns.map((column) => column.column_name)).toContain('event_id');
    expect(await shape('membership')).toEqual(runtime);
  });
});
