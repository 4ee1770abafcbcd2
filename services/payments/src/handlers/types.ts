import type { EventType, InletEvent } from '@inlet/schemas';
import type { Queryable } from '@inlet/service-kit';

/**
 * What a payments handler needs from the consumer runtime's HandlerContext: the open transaction (the runtime
 * has already recorded the event id in it) and a logger. The runtime's context has more; a handler that asks
 * for less can be given a plain pg client in a test.
 */
export interface PaymentsHandlerContext {
  /** The open transaction; every write goes through it. Never COMMIT or ROLLBACK it here. */
  tx: Queryable;
  log: { debug(obj: object, msg?: string): void; info(obj: object, msg?: string): void };
}

/** The event types of inlet.payments.v1, each of which this service handles. */
export type PaymentsEventType =
  | 'payment.success'
  | 'payment.failed'
  | 'payment.refunded'
  | 'subscription.created'
  | 'subscription.cancelled';

export type PaymentEventType = 'payment.success' | 'payment.failed' | 'payment.refunded';

export type PaymentsHandler<T extends EventType> = (
  event: InletEvent<T>,
  context: PaymentsHandlerContext,
) => Promise<void>;

export type PaymentsHandlers = { [T in PaymentsEventType]: PaymentsHandler<T> };

/** The kinds of ledger entry (migrations/…_ledger.sql says what each does to the balance). */
export type LedgerEntryKind = 'capture' | 'duplicate_capture' | 'failure' | 'refund' | 'duplicate_refund';

/** Told about each ledger entry written (before the transaction commits; a rollback is retried). */
export type OnLedgerEntry = (kind: LedgerEntryKind) => void;
