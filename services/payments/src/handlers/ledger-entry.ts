import type { LedgerEntryKind, PaymentEventType } from './types.js';

/** What the ledger already holds for a payment, read under the payment's lock. */
export interface RecordedPayment {
  /** A capture entry exists: the money was taken once already. */
  captured: boolean;
  /** The refunds recorded so far (a positive number: the sum of the refund entries' deltas). */
  refunded: number;
}

export interface ReportedPayment {
  amount: number;
  /** The cumulative total refunded, on payment.refunded. */
  amountRefunded: number | null;
}

export interface LedgerEntry {
  kind: LedgerEntryKind;
  /** The entry's effect on the payment's balance, in minor units: + captured, - refunded, else 0. */
  amount: number;
}

/**
 * The one ledger entry an applied payment event becomes.
 *
 * - payment.success: the first report captures its amount; every later one (Stripe sends
 *   payment_intent.succeeded, charge.succeeded and checkout.session.completed for ONE payment, all with its
 *   paymentId) is a duplicate_capture that moves nothing.
 * - payment.refunded carries the cumulative amount refunded, so the entry is the delta between it and what is
 *   recorded; a report not above that (a late, smaller total or the same total again) is a duplicate_refund.
 *   The refunded total therefore ends at the largest reported total whatever the arrival order. A refund that
 *   arrives before its payment is recorded all the same: the payment's capture entry follows when it comes.
 * - payment.failed records the failure and moves nothing; it does not undo a capture (a card declined first
 *   and accepted on a second try is one succeeded payment).
 */
export function ledgerEntryFor(
  type: PaymentEventType,
  reported: ReportedPayment,
  recorded: RecordedPayment,
): LedgerEntry {
  switch (type) {
    case 'payment.success':
      return recorded.captured
        ? { kind: 'duplicate_capture', amount: 0 }
        : { kind: 'capture', amount: reported.amount };
    case 'payment.failed':
      return { kind: 'failure', amount: 0 };
    case 'payment.refunded': {
      const delta = (reported.amountRefunded ?? 0) - recorded.refunded;
      return delta > 0 ? { kind: 'refund', amount: -delta } : { kind: 'duplicate_refund', amount: 0 };
    }
  }
}

/** What the ledger holds for the payment once `entry` is appended: what its next event is decided against. */
export function recordedAfter(recorded: RecordedPayment, entry: LedgerEntry): RecordedPayment {
  return {
    captured: recorded.captured || entry.kind === 'capture',
    refunded: entry.kind === 'refund' ? recorded.refunded - entry.amount : recorded.refunded,
  };
}
