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

  it('apply on an empty database: the payments schema, its tables and its migrations table, nothing in public', async () => {
    const applied = await migrate(database.url);

    expect(applied).toEqual([
      '1767225600000_processed-events',
      '1767225600001_ledger',
      '1767225600002_payments',
      '1767225600003_subscriptions',
      '1767225600004_entitlements',
      '1796325869830_processed-events-retention',
    ]);
    expect(await tablesIn('payments')).toEqual([
      'entitlement_grants',
      'ledger',
      'payments',
      'pgmigrations',
      'processed_events',
      'subscription_events',
      'subscriptions',
    ]);
    expect(await tablesIn('public')).toEqual([]);
  });

  it('a second run applies nothing and changes nothing', async () => {
    const before = await pool.query('SELECT name, run_on FROM payments.pgmigrations ORDER BY id');
    expect(await migrate(pool)).toEqual([]);
    const after = await pool.query('SELECT name, run_on FROM payments.pgmigrations ORDER BY id');
    expect(after.rows).toEqual(before.rows);
  });

  it('replicas migrating at the same moment queue on the lock instead of failing', async () => {
    const fresh = await createTestDatabase();
    try {
      const results = await Promise.all([migrate(fresh.url), migrate(fresh.url), migrate(fresh.url)]);
      expect(results.map((names) => names.length).sort()).toEqual([0, 0, 6]);
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
    expect(await shape('payments')).toEqual(runtime);
  });

  // The ledger and the subscription history are append-only in the database itself, not only in the code.
  it.each(['ledger', 'subscription_events'])(
    'payments.%s refuses UPDATE, DELETE and TRUNCATE',
    async (table) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          table === 'ledger'
            ? `INSERT INTO payments.ledger (payment_id, event_id, event_type, kind, amount, currency, reported_amount,
                 occurred_at) VALUES ('p-1', 'e-1', 'payment.success', 'capture', 4900, 'usd', 4900, now())`
            : `INSERT INTO payments.subscription_events (event_id, subscription_id, event_type, occurred_at)
                 VALUES ('e-1', 's-1', 'subscription.created', now())`,
        );
        for (const statement of [
          `UPDATE payments.${table} SET occurred_at = now() - interval '1 day'`,
          `DELETE FROM payments.${table}`,
          `TRUNCATE payments.${table}`,
        ]) {
          await client.query('SAVEPOINT attempt');
          await expect(client.query(statement)).rejects.toMatchObject({
            code: '23001',
            message: expect.stringContaining(`payments.${table} is append-only`),
          });
          await client.query('ROLLBACK TO SAVEPOINT attempt');
        }
        const { rows } = await client.query(`SELECT count(*)::int AS n FROM payments.${table}`);
        expect(rows[0]).toEqual({ n: 1 });
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
    },
  );

  it('the ledger refuses a second capture of one payment, a float amount and a currency that is not a code', async () => {
    const insert = (eventId: string, kind: string, amount: string, currency = 'usd') =>
      pool.query(
        `INSERT INTO payments.ledger (payment_id, event_id, event_type, kind, amount, currency, reported_amount,
           occurred_at) VALUES ('p-twice', $1, 'payment.success', $2, $3, $4, 0, now())`,
        [eventId, kind, amount, currency],
      );
    await insert('c-1', 'capture', '100');
    await expect(insert('c-2', 'capture', '100')).rejects.toMatchObject({ code: '23505' });
    await expect(insert('c-3', 'capture', '1.5')).rejects.toMatchObject({ code: '22P02' });
    await expect(insert('c-4', 'duplicate_capture', '100')).rejects.toMatchObject({ code: '23514' });
    await expect(insert('c-5', 'duplicate_capture', '0', 'USD')).rejects.toMatchObject({ code: '23514' });
  });
});
