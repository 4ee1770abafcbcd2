import type pg from 'pg';
import type { InletEvent } from '@inlet/schemas';
import { inTransaction } from '@inlet/service-kit/testing';
import { paymentsBatchHandler } from '../../src/handlers/event-batch.js';
import type { LedgerEntryKind, PaymentsEventType } from '../../src/handlers/index.js';

const silentLog = { debug: () => undefined, info: () => undefined };

/**
 * Applies the events in ONE applyMany call of the payments batch handler, in a transaction of its own
 * (committed, or rolled back when it throws). Resolves with the kinds of ledger entry it reported, in order.
 */
export async function applyInOneCall(
  pool: pg.Pool,
  events: readonly InletEvent<PaymentsEventType>[],
): Promise<LedgerEntryKind[]> {
  const kinds: LedgerEntryKind[] = [];
  const handler = paymentsBatchHandler((kind) => kinds.push(kind));
  await inTransaction(pool, (tx) => handler.applyMany(events, { tx, log: silentLog }));
  return kinds;
}

// recorded_at and updated_at are set by now(), so they differ between two databases given the same events;
// entry_id is a sequence that a failed attempt advances (the ledger is still read in entry_id order).
const notCompared = ['recorded_at', 'updated_at', 'entry_id'];

/**
 * Every row the handlers wrote for ids that start with `prefix`, table by table, each row as the text of its
 * jsonb (so two databases are compared value for value) without the columns that notCompared names.
 */
export async function rowsOf(pool: pg.Pool, prefix: string) {
  const read = async (table: string, idColumn: string, order: string) => {
    const { rows } = await pool.query<{ row: string }>(
      `SELECT (to_jsonb(t) - $2::text[])::text AS row FROM payments.${table} AS t
        WHERE starts_with(${idColumn}, $1) ORDER BY ${order}`,
      [prefix, notCompared],
    );
    return rows.map(({ row }) => row);
  };
  return {
    ledger: await read('ledger', 'payment_id', 'entry_id'),
    payments: await read('payments', 'payment_id', 'payment_id'),
    subscriptionEvents: await read('subscription_events', 'subscription_id', 'event_id'),
    subscriptions: await read('subscriptions', 'subscription_id', 'subscription_id'),
    entitlementGrants: await read('entitlement_grants', 'source_id', 'source_kind, source_id'),
  };
}
