/** The event types of inlet.payments.v1, each of which this service handles. */
export type PaymentsEventType = PaymentEventType | SubscriptionEventType;

export type PaymentEventType = 'payment.success' | 'payment.failed' | 'payment.refunded';

export type SubscriptionEventType = 'subscription.created' | 'subscription.cancelled';

/** The kinds of ledger entry (migrations/…_ledger.sql says what each does to the balance). */
export type LedgerEntryKind = 'capture' | 'duplicate_capture' | 'failure' | 'refund' | 'duplicate_refund';

/** Told about each ledger entry written (before the transaction commits; a rollback is retried). */
export type OnLedgerEntry = (kind: LedgerEntryKind) => void;
