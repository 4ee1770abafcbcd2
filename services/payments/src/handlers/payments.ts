import type { InletEvent } from '@inlet/schemas';
import type { Queryable, TransactionContext } from '@inlet/service-kit';
import { PermanentError } from '@inlet/kafka-runtime';
import { toSafeInteger } from '../integers.js';
import {
  ledgerEntryFor,
  recordedAfter,
  type LedgerEntry,
  type RecordedPayment,
  type ReportedPayment,
} from './ledger-entry.js';
import { lockEntities } from './locks.js';
import { currencyCode, invalidPaymentEvent, minorUnits } from './money.js';
import { refreshPayments } from './payment-projection.js';
import type { OnLedgerEntry, PaymentEventType } from './types.js';

const readRecorded = `
SELECT payment_id,
       (array_agg(currency ORDER BY entry_id))[1] AS currency,
       bool_or(kind = 'capture') AS captured,
       coalesce(-sum(amount) FILTER (WHERE kind = 'refund'), 0)::bigint AS refunded
  FROM payments.ledger
 WHERE payment_id = ANY($1::text[])
 GROUP BY payment_id`;

// Appended in the order given, so entry_id (the recording order) follows the events' offsets as it would had
// they been applied one by one. An INSERT fires no UPDATE or DELETE trigger: the ledger stays append-only.
const insertEntries = `
INSERT INTO payments.ledger (
  payment_id, event_id, event_type, source_event_name, kind, amount, currency, reported_amount,
  reported_amount_refunded, user_id, customer_id, course_id, failure_reason, occurred_at
)
SELECT payment_id, event_id, event_type, source_event_name, kind, amount, currency, reported_amount,
       reported_amount_refunded, user_id, customer_id, course_id, failure_reason, occurred_at
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[],
              $8::bigint[], $9::bigint[], $10::text[], $11::text[], $12::text[], $13::text[], $14::timestamptz[])
       WITH ORDINALITY AS entry (payment_id, event_id, event_type, source_event_name, kind, amount, currency,
         reported_amount, reported_amount_refunded, user_id, customer_id, course_id, failure_reason, occurred_at,
         position)
 ORDER BY position`;

/** An event's money, checked: whole minor units, an ISO 4217 code (lower case), the refund total. */
export interface Money extends ReportedPayment {
  currency: string;
}

/** A payment event that passed checkedPaymentEvent, with its money as the ledger records it. */
export interface CheckedPaymentEvent {
  event: InletEvent<PaymentEventType>;
  money: Money;
}

/**
 * The event with its money checked: whole minor units, an ISO 4217 code, and a refund total that fits the
 * amount. Throws a PermanentError otherwise (no retry makes a bad value good).
 */
export function checkedPaymentEvent(event: InletEvent<PaymentEventType>): CheckedPaymentEvent {
  const { data, eventId } = event;
  const amount = minorUnits(data.amount, 'data.amount', eventId);
  const currency = currencyCode(data.currency, eventId);
  const amountRefunded =
    data.amountRefunded === null ? null : minorUnits(data.amountRefunded, 'data.amountRefunded', eventId);
  if (event.type === 'payment.refunded') {
    if (amountRefunded === null) {
      throw new PermanentError(
        invalidPaymentEvent,
        `event ${eventId}: payment.refunded needs data.amountRefunded (the total refunded so far)`,
      );
    }
    if (amountRefunded > amount) {
      throw new PermanentError(
        invalidPaymentEvent,
        `event ${eventId}: data.amountRefunded (${amountRefunded}) is more than data.amount (${amount})`,
      );
    }
  }
  return { event, money: { amount, currency, amountRefunded } };
}

/**
 * Applies payment events (checked, in offset order) in five statements whatever their number, leaving what
 * applying them one by one would: under the lock of every payment they name, reads what the ledger holds for
 * each, decides each event's entry (ledger-entry.ts) in order, appends all the entries, then recomputes each
 * payment's row and entitlement grant from its whole ledger.
 */
export async function applyPaymentEvents(
  events: readonly CheckedPaymentEvent[],
  { tx, log }: TransactionContext,
  onLedgerEntry: OnLedgerEntry,
): Promise<void> {
  const paymentIds = [...new Set(events.map(({ event }) => event.data.paymentId))];
  await lockEntities(tx, 'payment', paymentIds);
  const entries = decideEntries(events, await readRecordedPayments(tx, paymentIds));

  await tx.query(insertEntries, [
    events.map(({ event }) => event.data.paymentId),
    events.map(({ event }) => event.eventId),
    events.map(({ event }) => event.type),
    events.map(({ event }) => event.sourceEventName),
    entries.map((entry) => entry.kind),
    entries.map((entry) => entry.amount),
    events.map(({ money }) => money.currency),
    events.map(({ money }) => money.amount),
    events.map(({ money }) => money.amountRefunded),
    events.map(({ event }) => event.data.userId),
    events.map(({ event }) => event.data.customerId),
    events.map(({ event }) => event.data.courseId),
    events.map(({ event }) => event.data.failureReason),
    events.map(({ event }) => new Date(event.occurredAt)),
  ]);
  for (const entry of entries) onLedgerEntry(entry.kind);
  const duplicates = events.filter((_, index) => isDuplicate(entries[index]!));
  if (duplicates.length > 0) {
    log.debug(
      { eventIds: duplicates.map(({ event }) => event.eventId) },
      'payment events moved no money: recorded as duplicates',
    );
  }
  await refreshPayments(tx, paymentIds);
}

/** What the ledger holds for a payment: its currency (its first entry's; null before any) and its totals. */
interface PaymentState extends RecordedPayment {
  currency: string | null;
}

const nothingRecorded: PaymentState = { currency: null, captured: false, refunded: 0 };

async function readRecordedPayments(
  tx: Queryable,
  paymentIds: readonly string[],
): Promise<Map<string, PaymentState>> {
  const { rows } = await tx.query<{
    payment_id: string;
    currency: string;
    captured: boolean;
    refunded: string;
  }>(readRecorded, [paymentIds]);
  return new Map(
    rows.map((row) => [
      row.payment_id,
      { currency: row.currency, captured: row.captured, refunded: toSafeInteger(row.refunded) },
    ]),
  );
}

/**
 * Each event's entry, decided against what the ledger holds once the entries before it are appended (kept in
 * `recorded`), so a run decides exactly what one-by-one application would.
 */
function decideEntries(
  events: readonly CheckedPaymentEvent[],
  recorded: Map<string, PaymentState>,
): LedgerEntry[] {
  return events.map(({ event, money }) => {
    const { paymentId } = event.data;
    const before = recorded.get(paymentId) ?? nothingRecorded;
    if (before.currency !== null && before.currency !== money.currency) {
      // One payment has one currency; mixing them would make its balance meaningless. No retry changes that.
      // The whole run fails; the runtime then applies its events one at a time, and only this one fails.
      throw new PermanentError(
        'INLET_PAYMENT_CURRENCY_MISMATCH',
        `event ${event.eventId}: payment ${paymentId} is recorded in ${before.currency}, the event says ${money.currency}`,
      );
    }
    const entry = ledgerEntryFor(event.type, money, before);
    recorded.set(paymentId, { currency: before.currency ?? money.currency, ...recordedAfter(before, entry) });
    return entry;
  });
}

function isDuplicate(entry: LedgerEntry): boolean {
  return entry.kind === 'duplicate_capture' || entry.kind === 'duplicate_refund';
}
