import { keysetCursor, keysetPage, type Queryable } from '@inlet/service-kit';
import { toSafeInteger } from '../integers.js';
import type { LedgerEntry, LedgerPage } from '../routes/schemas.js';

/** Where a page of a ledger ended: the last entry's id. */
export const ledgerCursor = keysetCursor({ entryId: 'serial' });

interface LedgerRow {
  entry_id: string;
  payment_id: string;
  event_id: string;
  event_type: string;
  source_event_name: string | null;
  kind: LedgerEntry['kind'];
  amount: string;
  currency: string;
  balance_after: string;
  reported_amount: string;
  reported_amount_refunded: string | null;
  course_id: string | null;
  failure_reason: string | null;
  occurred_at: Date;
  recorded_at: Date;
}

function toEntry(row: LedgerRow): LedgerEntry {
  return {
    entryId: toSafeInteger(row.entry_id),
    paymentId: row.payment_id,
    eventId: row.event_id,
    eventType: row.event_type,
    sourceEventName: row.source_event_name,
    kind: row.kind,
    amount: toSafeInteger(row.amount),
    currency: row.currency,
    balanceAfter: toSafeInteger(row.balance_after),
    reportedAmount: toSafeInteger(row.reported_amount),
    reportedAmountRefunded:
      row.reported_amount_refunded === null ? null : toSafeInteger(row.reported_amount_refunded),
    courseId: row.course_id,
    failureReason: row.failure_reason,
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
  };
}

export interface ListLedgerQuery {
  userId: string;
  paymentId?: string;
  limit: number;
  cursor?: string;
}

/**
 * A user's ledger, newest entry first, one page at a time. The user's payments are the ones whose events name
 * the user (payments.payments.user_id), so an entry recorded before its payment named anyone still shows.
 * Keyset pagination on entry_id: the ledger is append-only and new entries have larger ids, so pages never
 * skip or repeat entries while payments keep arriving. The running balance is summed per page row over the
 * payment's earlier entries (ledger_payment_idx), not over the user's whole ledger.
 */
export async function listLedger(db: Queryable, query: ListLedgerQuery): Promise<LedgerPage> {
  const after = query.cursor === undefined ? undefined : ledgerCursor.decode(query.cursor);
  const { rows } = await db.query<LedgerRow>(
    `SELECT entry.entry_id, entry.payment_id, entry.event_id, entry.event_type, entry.source_event_name,
            entry.kind, entry.amount, entry.currency, entry.reported_amount, entry.reported_amount_refunded,
            entry.course_id, entry.failure_reason, entry.occurred_at, entry.recorded_at,
            (SELECT sum(prior.amount) FROM payments.ledger AS prior
              WHERE prior.payment_id = entry.payment_id AND prior.entry_id <= entry.entry_id)::bigint
              AS balance_after
       FROM payments.ledger AS entry
      WHERE entry.payment_id IN (SELECT payment_id FROM payments.payments WHERE user_id = $1)
        AND ($2::text IS NULL OR entry.payment_id = $2)
        AND ($3::bigint IS NULL OR entry.entry_id < $3)
      ORDER BY entry.entry_id DESC
      LIMIT $4`,
    // One row more than asked tells whether another page exists.
    [query.userId, query.paymentId ?? null, after?.entryId ?? null, query.limit + 1],
  );
  return keysetPage(rows, query.limit, toEntry, (last) =>
    ledgerCursor.encode({ entryId: toSafeInteger(last.entry_id) }),
  );
}
