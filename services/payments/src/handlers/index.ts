import { sameHandlerFor, type ServiceHandlers } from '@inlet/service-kit';
import { paymentsBatchHandler } from './event-batch.js';
import type { OnLedgerEntry, PaymentsEventType } from './types.js';

export type { LedgerEntryKind, PaymentsEventType } from './types.js';

export interface HandlerDependencies {
  /** Told about each ledger entry written, by kind (captures, duplicates, refunds, failures). */
  onLedgerEntry?: OnLedgerEntry;
}

/**
 * The handlers of inlet.payments.v1's event types: ONE batch handler shared by all five (event-batch.ts), so
 * the runtime applies a slice of the topic as one run.
 */
export function createHandlers({
  onLedgerEntry = () => undefined,
}: HandlerDependencies = {}): ServiceHandlers<PaymentsEventType> {
  return sameHandlerFor(
    [
      'payment.success',
      'payment.failed',
      'payment.refunded',
      'subscription.created',
      'subscription.cancelled',
    ],
    paymentsBatchHandler(onLedgerEntry),
  );
}
