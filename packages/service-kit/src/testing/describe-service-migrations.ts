import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processedEventsTableSql } from '@inlet/kafka-runtime';
import { createTestDatabase, type TestDatabase } from '@inlet/test-harness';

export interface MigrationsSuite {
  /** The service: its schema, and how it applies its migrations (defineConsumerService's migrate). */
  service: { schema: string; migrate(target: string | pg.Pool): Promise<string[]> };
  /** Every migration, in order, as applied to an empty database. */
  migrations: string[];
  /** The tables its schema holds afterwards, sorted (pgmigrations and processed_events included). */
  tables: string[];
}

/**
 * How every service's migrations behave, run for real against an empty database: the service's schema gets
 * its tables and nothing lands in public; a second run changes nothing; replicas starting together queue on
 * the lock; the pooled connection is given back as it was; processed_events is the runtime's table.
 */
export function describeServiceMigrations({ service, migrations, tables }: MigrationsSuite) {
  const { schema, migrate } = service;

  describe(`${schema} migrations`, () => {
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

    const tablesIn = async (name: string) =>
      (
        await pool.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
          [name],
        )
      ).rows.map((row) => row.table_name);

    it(`apply on an empty database: the ${schema} schema, its tables and its migrations table, nothing in public`, async () => {
      expect(await migrate(database.url)).toEqual(migrations);
      expect(await tablesIn(schema)).toEqual(tables);
      expect(await tablesIn('public')).toEqual([]);
    });

    it('a second run applies nothing and changes nothing', async () => {
      const before = await pool.query(`SELECT name, run_on FROM ${schema}.pgmigrations ORDER BY id`);
      expect(await migrate(pool)).toEqual([]);
      const after = await pool.query(`SELECT name, run_on FROM ${schema}.pgmigrations ORDER BY id`);
      expect(after.rows).toEqual(before.rows);
    });

    it('replicas migrating at the same moment queue on the lock instead of failing', async () => {
      const fresh = await createTestDatabase();
      try {
        const results = await Promise.all([migrate(fresh.url), migrate(fresh.url), migrate(fresh.url)]);
        expect(results.map((names) => names.length).sort()).toEqual([0, 0, migrations.length]);
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
      const shape = async (name: string) => ({
        columns: (
          await pool.query(
            `SELECT column_name, data_type, is_nullable, column_default
               FROM information_schema.columns
              WHERE table_schema = $1 AND table_name = 'processed_events'
              ORDER BY ordinal_position`,
            [name],
          )
        ).rows,
        primaryKey: (
          await pool.query(
            `SELECT kcu.column_name
               FROM information_schema.table_constraints tc
               JOIN information_schema.key_column_usage kcu USING (constraint_schema, constraint_name)
              WHERE tc.table_schema = $1 AND tc.table_name = 'processed_events' AND tc.constraint_type = 'PRIMARY KEY'`,
            [name],
          )
        ).rows,
      });
      const runtime = await shape('runtime_ddl');
      expect(runtime.columns.map((column) => column.column_name)).toContain('event_id');
      expect(await shape(schema)).toEqual(runtime);
    });
  });
}
