import { keysetCursor, keysetPage, selectList, type Queryable } from '@inlet/service-kit';
import { toSafeInteger, withSafeIntegers, type BigintText } from '../integers.js';
import type { LedgerEntry, LedgerPage, LedgerQuery } from '../routes/schemas.js';

/** Where a page of a ledger ended: the last entry's id. */
export const ledgerCursor = keysetCursor({ entryId: 'serial' });

const bigints = ['entryId', 'amount', 'balanceAfter', 'reportedAmount', 'reportedAmountRefunded'] as const;

const entryColumns = selectList<LedgerEntry>({
  entryId: 'entry.entry_id',
  paymentId: 'entry.payment_id',
  eventId: 'entry.event_id',
  eventType: 'entry.event_type',
  sourceEventName: 'entry.source_event_name',
  kind: 'entry.kind',
  amount: 'entry.amount',
  currency: 'entry.currency',
  balanceAfter: `(SELECT sum(prior.amount) FROM payments.ledger AS prior
                   WHERE prior.payment_id = entry.payment_id AND prior.entry_id <= entry.entry_id)::bigint`,
  reportedAmount: 'entry.reported_amount',
  reportedAmountRefunded: 'entry.reported_amount_refunded',
  courseId: 'entry.course_id',
  failureReason: 'entry.failure_reason',
  occurredAt: 'entry.occurred_at',
  recordedAt: 'entry.recorded_at',
});

/** The route's query string, for the user whose ledger it is. */
export type ListLedgerQuery = LedgerQuery & { userId: string };

/**
 * A user's ledger, newest entry first, one page at a time. The user's payments are the ones whose events name
 * the user (payments.payments.user_id), so an entry recorded before its payment named anyone still shows.
 * Keyset pagination on entry_id: the ledger is append-only and new entries have larger ids, so pages never
 * skip or repeat entries while payments keep arriving. The running balance is summed per page row over the
 * payment's earlier entries (ledger_payment_idx), not over the user's whole ledger.
 */
export async function listLedger(db: Queryable, query: ListLedgerQuery): Promise<LedgerPage> {
  const after = ledgerCursor.after(query.cursor);
  const { rows } = await db.query<BigintText<LedgerEntry, (typeof bigints)[number]>>(
    `SELECT ${entryColumns}
       FROM payments.ledger AS entry
      WHERE entry.payment_id IN (SELECT payment_id FROM payments.payments WHERE user_id = $1)
        AND ($2::text IS NULL OR entry.payment_id = $2)
        AND ($3::bigint IS NULL OR entry.entry_id < $3)
      ORDER BY entry.entry_id DESC
      LIMIT $4`,
    // One row more than asked tells whether another page exists.
    [query.userId, query.paymentId ?? null, after?.entryId ?? null, query.limit + 1],
  );
  // Only the rows served are converted: the extra row is never answered, so its amounts cannot refuse a page.
  const page = keysetPage(rows, query.limit, (last) =>
    ledgerCursor.encode({ entryId: toSafeInteger(last.entryId) }),
  );
  return { ...page, items: page.items.map((row) => withSafeIntegers(row, bigints)) };
}
