import type pg from 'pg';
import type { EventDataByType, InletEvent } from '@inlet/schemas';
import { combine, compareState, readState, type EffectCheck } from './consumer-effects.js';

type PaymentData = EventDataByType['payment.success'];
type SubscriptionData = EventDataByType['subscription.created'];

interface PaymentTotals {
  captured: number;
  refunded: number;
  refundReported: boolean;
  entries: number;
}

/**
 * The payments service's tables against the produced events (services/payments/src/handlers): one ledger entry
 * per distinct event, of the kind and amount the payment's history so far makes it (the first success captures,
 * a later one is a duplicate_capture, a refund moves the difference between its cumulative total and what was
 * refunded before); each payment's captured, refunded, status and entry count; each subscription's status and
 * event count. A redelivery applied again would add a ledger entry or an event row, and show here.
 */
export async function checkPaymentsEffects(pool: pg.Pool, events: InletEvent[]): Promise<EffectCheck> {
  const ledger = new Map<string, string>();
  const payments = new Map<string, PaymentTotals>();
  // Topic order is each payment's order: its events share a key, hence a partition.
  for (const event of events) {
    if (!event.type.startsWith('payment.')) continue;
    const data = event.data as PaymentData;
    const totals = payments.get(data.paymentId) ?? {
      captured: 0,
      refunded: 0,
      refundReported: false,
      entries: 0,
    };
    payments.set(data.paymentId, totals);
    totals.entries++;
    let entry: [kind: string, amount: number];
    if (event.type === 'payment.success') {
      entry = totals.captured > 0 ? ['duplicate_capture', 0] : ['capture', data.amount];
      totals.captured = data.amount;
    } else if (event.type === 'payment.refunded') {
      totals.refundReported = true;
      const delta = (data.amountRefunded ?? 0) - totals.refunded;
      entry = delta > 0 ? ['refund', -delta] : ['duplicate_refund', 0];
      totals.refunded = Math.max(totals.refunded, data.amountRefunded ?? 0);
    } else {
      entry = ['failure', 0];
    }
    ledger.set(event.eventId, ledgerState(data.paymentId, entry[0], entry[1]));
  }

  const ledgerCheck = compareState(
    'payments.ledger',
    ledger,
    await readState<{ event_id: string; payment_id: string; kind: string; amount: string }>(
      pool,
      'SELECT event_id, payment_id, kind, amount FROM payments.ledger',
      (row) => [row.event_id, ledgerState(row.payment_id, row.kind, Number(row.amount))],
    ),
  );
  const paymentsCheck = compareState(
    'payments.payments',
    new Map(
      [...payments].map(([paymentId, totals]) => [
        paymentId,
        paymentState(totals.captured, totals.refunded, statusOf(totals), totals.entries),
      ]),
    ),
    await readState<{
      payment_id: string;
      captured: string;
      refunded: string;
      status: string;
      entries: number;
    }>(pool, 'SELECT payment_id, captured, refunded, status, entries FROM payments.payments', (row) => [
      row.payment_id,
      paymentState(Number(row.captured), Number(row.refunded), row.status, row.entries),
    ]),
  );

  const subscriptionEvents = events.filter((event) => event.type.startsWith('subscription.'));
  const subscriptions = new Map<string, { cancelled: boolean; events: number }>();
  for (const event of subscriptionEvents) {
    const { subscriptionId } = event.data as SubscriptionData;
    const state = subscriptions.get(subscriptionId) ?? { cancelled: false, events: 0 };
    subscriptions.set(subscriptionId, state);
    state.events++;
    state.cancelled ||= event.type === 'subscription.cancelled';
  }
  const historyCheck = compareState(
    'payments.subscription_events',
    new Map(
      subscriptionEvents.map((event) => [event.eventId, (event.data as SubscriptionData).subscriptionId]),
    ),
    await readState<{ event_id: string; subscription_id: string }>(
      pool,
      'SELECT event_id, subscription_id FROM payments.subscription_events',
      (row) => [row.event_id, row.subscription_id],
    ),
  );
  const subscriptionsCheck = compareState(
    'payments.subscriptions',
    new Map(
      [...subscriptions].map(([id, state]) => [
        id,
        subscriptionState(state.cancelled ? 'cancelled' : 'active', state.events),
      ]),
    ),
    await readState<{ subscription_id: string; status: string; events: number }>(
      pool,
      'SELECT subscription_id, status, events FROM payments.subscriptions',
      (row) => [row.subscription_id, subscriptionState(row.status, row.events)],
    ),
  );
  return combine([ledgerCheck, paymentsCheck, historyCheck, subscriptionsCheck]);
}

/** services/payments/src/handlers/payment-projection.ts's status, from the totals. */
function statusOf(totals: PaymentTotals): string {
  const captured = totals.captured > 0;
  if (captured && totals.refunded > 0 && totals.refunded >= totals.captured) return 'refunded';
  if (captured && totals.refunded > 0) return 'partially_refunded';
  if (captured) return 'succeeded';
  if (totals.refundReported) return 'awaiting_capture';
  return 'failed';
}

function ledgerState(paymentId: string, kind: string, amount: number): string {
  return `${paymentId} ${kind} ${amount}`;
}

function paymentState(captured: number, refunded: number, status: string, entries: number): string {
  return `captured=${captured} refunded=${refunded} status=${status} entries=${entries}`;
}

function subscriptionState(status: string, events: number): string {
  return `status=${status} events=${events}`;
}
