import type { InletEvent } from '@inlet/schemas';
import type { ServiceHandler } from '@inlet/service-kit';
import { PermanentError } from '@inlet/kafka-runtime';
import { toSafeInteger } from '../integers.js';
import { ledgerEntryFor, type RecordedPayment } from './ledger-entry.js';
import { lockEntity } from './locks.js';
import { currencyCode, invalidPaymentEvent, minorUnits } from './money.js';
import { refreshPayment } from './payment-projection.js';
import type { OnLedgerEntry, PaymentEventType } from './types.js';

const readRecorded = `
SELECT (array_agg(currency ORDER BY entry_id))[1] AS currency,
       coalesce(bool_or(kind = 'capture'), false) AS captured,
       coalesce(-sum(amount) FILTER (WHERE kind = 'refund'), 0)::bigint AS refunded
  FROM payments.ledger
 WHERE payment_id = $1`;

const insertEntry = `
INSERT INTO payments.ledger (
  payment_id, event_id, event_type, source_event_name, kind, amount, currency, reported_amount,
  reported_amount_refunded, user_id, customer_id, course_id, failure_reason, occurred_at
) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`;

/** The event's money, checked: whole minor units, an ISO 4217 code, and a refund total that fits the amount. */
function checkedMoney(event: InletEvent<PaymentEventType>) {
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
  return { amount, currency, amountRefunded };
}

/**
 * Applies one payment event: under the payment's lock, reads what the ledger holds for it, appends the one
 * entry the event becomes (ledger-entry.ts), then recomputes the payment's row and its entitlement grant.
 */
export function paymentHandler(onLedgerEntry: OnLedgerEntry): ServiceHandler<PaymentEventType> {
  return async (event, { tx, log }) => {
    const { data, eventId } = event;
    const money = checkedMoney(event);

    await lockEntity(tx, 'payment', data.paymentId);
    const { rows } = await tx.query<{ currency: string | null; captured: boolean; refunded: string }>(
      readRecorded,
      [data.paymentId],
    );
    const row = rows[0];
    if (row?.currency && row.currency !== money.currency) {
      // One payment has one currency; mixing them would make its balance meaningless. No retry changes that.
      throw new PermanentError(
        'INLET_PAYMENT_CURRENCY_MISMATCH',
        `event ${eventId}: payment ${data.paymentId} is recorded in ${row.currency}, the event says ${money.currency}`,
      );
    }
    const recorded: RecordedPayment = {
      captured: row?.captured ?? false,
      refunded: row ? toSafeInteger(row.refunded) : 0,
    };
    const entry = ledgerEntryFor(event.type, money, recorded);

    await tx.query(insertEntry, [
      data.paymentId,
      eventId,
      event.type,
      event.sourceEventName,
      entry.kind,
      entry.amount,
      money.currency,
      money.amount,
      money.amountRefunded,
      data.userId,
      data.customerId,
      data.courseId,
      data.failureReason,
      new Date(event.occurredAt),
    ]);
    onLedgerEntry(entry.kind);
    if (entry.kind === 'duplicate_capture' || entry.kind === 'duplicate_refund') {
      log.debug(
        { eventId, type: event.type, kind: entry.kind },
        'payment event moved no money: recorded as a duplicate',
      );
    }
    await refreshPayment(tx, data.paymentId);
  };
}
