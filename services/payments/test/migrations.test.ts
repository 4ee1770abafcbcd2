import { describe, expect, it } from 'vitest';
import { describeServiceMigrations, useMigratedDatabase } from '@inlet/service-kit/testing';
import { payments } from '../src/service.js';

describeServiceMigrations({
  service: payments,
  migrations: [
    '1767225600000_processed-events',
    '1767225600001_ledger',
    '1767225600002_payments',
    '1767225600003_subscriptions',
    '1767225600004_entitlements',
    '1796325869830_processed-events-retention',
  ],
  tables: [
    'entitlement_grants',
    'ledger',
    'payments',
    'pgmigrations',
    'processed_events',
    'subscription_events',
    'subscriptions',
  ],
});

// What the payments schema itself refuses, whatever the code does.
describe('payments migrations: the history tables', () => {
  const store = useMigratedDatabase(payments);

  // The ledger and the subscription history are append-only in the database itself, not only in the code.
  it.each(['ledger', 'subscription_events'])(
    'payments.%s refuses UPDATE, DELETE and TRUNCATE',
    async (table) => {
      const client = await store.db.pool.connect();
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
      store.db.pool.query(
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
