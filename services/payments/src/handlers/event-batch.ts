import type { InletEvent } from '@inlet/schemas';
import type { ServiceBatchHandler } from '@inlet/service-kit';
import { applyPaymentEvents, checkedPaymentEvent, type CheckedPaymentEvent } from './payments.js';
import {
  applySubscriptionEvents,
  checkedSubscriptionEvent,
  type CheckedSubscriptionEvent,
} from './subscriptions.js';
import type { OnLedgerEntry, PaymentEventType, PaymentsEventType, SubscriptionEventType } from './types.js';

/**
 * The one handler of all five event types, so that a slice of inlet.payments.v1 is one run however its payment
 * and subscription events interleave. Payment events touch the ledger, payments and payment grants;
 * subscription events their history, subscriptions and subscription grants: disjoint rows, so applying each
 * kind apart (in offset order within it) leaves what applying the run one event at a time would.
 *
 * Every event is checked before any statement: one that no retry can fix throws a PermanentError and fails the
 * run, which the runtime then applies one event at a time, so that only that event fails.
 */
export function paymentsBatchHandler(onLedgerEntry: OnLedgerEntry): ServiceBatchHandler<PaymentsEventType> {
  return {
    async applyMany(events, context) {
      const payments: CheckedPaymentEvent[] = [];
      const subscriptions: CheckedSubscriptionEvent[] = [];
      for (const event of events) {
        if (isPaymentEvent(event)) payments.push(checkedPaymentEvent(event));
        else if (isSubscriptionEvent(event)) subscriptions.push(checkedSubscriptionEvent(event));
      }
      if (payments.length > 0) await applyPaymentEvents(payments, context, onLedgerEntry);
      if (subscriptions.length > 0) await applySubscriptionEvents(subscriptions, context.tx);
    },
  };
}

// The event types of each entity, to split a run. InletEvent<T> of a union T is not a discriminated union: a
// type guard is what narrows an event's data to its entity's record.
const paymentEventTypes: ReadonlySet<string> = new Set<PaymentEventType>([
  'payment.success',
  'payment.failed',
  'payment.refunded',
]);
const subscriptionEventTypes: ReadonlySet<string> = new Set<SubscriptionEventType>([
  'subscription.created',
  'subscription.cancelled',
]);

function isPaymentEvent(event: InletEvent<PaymentsEventType>): event is InletEvent<PaymentEventType> {
  return paymentEventTypes.has(event.type);
}

function isSubscriptionEvent(
  event: InletEvent<PaymentsEventType>,
): event is InletEvent<SubscriptionEventType> {
  return subscriptionEventTypes.has(event.type);
}
