import { applyPaymentEvent } from './payments.js';
import { applySubscriptionEvent } from './subscriptions.js';
import type { OnLedgerEntry, PaymentsHandlers } from './types.js';

export type {
  LedgerEntryKind,
  PaymentsEventType,
  PaymentsHandlerContext,
  PaymentsHandlers,
} from './types.js';

export interface HandlerDependencies {
  /** Told about each ledger entry written, by kind (captures, duplicates, refunds, failures). */
  onLedgerEntry?: OnLedgerEntry;
}

/**
 * One handler per event type of inlet.payments.v1. Each writes only through the transaction it is given (the
 * runtime's, in which the event id is already recorded), so its effect and that record commit together.
 */
export function createHandlers({
  onLedgerEntry = () => undefined,
}: HandlerDependencies = {}): PaymentsHandlers {
  return {
    'payment.success': (event, context) => applyPaymentEvent(event, context, onLedgerEntry),
    'payment.failed': (event, context) => applyPaymentEvent(event, context, onLedgerEntry),
    'payment.refunded': (event, context) => applyPaymentEvent(event, context, onLedgerEntry),
    'subscription.created': applySubscriptionEvent,
    'subscription.cancelled': applySubscriptionEvent,
  };
}
