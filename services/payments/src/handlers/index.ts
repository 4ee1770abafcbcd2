import { sameHandlerFor, type PerEventHandlers } from '@inlet/service-kit';
import { paymentHandler } from './payments.js';
import { applySubscriptionEvent } from './subscriptions.js';
import type { OnLedgerEntry, PaymentsEventType } from './types.js';

export type { LedgerEntryKind, PaymentsEventType } from './types.js';

export interface HandlerDependencies {
  /** Told about each ledger entry written, by kind (captures, duplicates, refunds, failures). */
  onLedgerEntry?: OnLedgerEntry;
}

/** The handlers of inlet.payments.v1's event types (PerEventHandlers: each takes one event). */
export function createHandlers({
  onLedgerEntry = () => undefined,
}: HandlerDependencies = {}): PerEventHandlers<PaymentsEventType> {
  return {
    ...sameHandlerFor(
      ['payment.success', 'payment.failed', 'payment.refunded'],
      paymentHandler(onLedgerEntry),
    ),
    ...sameHandlerFor(['subscription.created', 'subscription.cancelled'], applySubscriptionEvent),
  };
}
