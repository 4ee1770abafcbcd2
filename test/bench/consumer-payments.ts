import type { EventDataByType, InletEvent } from '@inlet/schemas';
import { benchEventId, type Random } from './consumer-random.js';

type PaymentsType =
  | 'payment.success'
  | 'payment.failed'
  | 'payment.refunded'
  | 'subscription.created'
  | 'subscription.cancelled';

/** A course shop's day: mostly successful checkouts, some declined cards and refunds, subscriptions coming and going. */
const weights: [PaymentsType, number][] = [
  ['payment.success', 0.5],
  ['payment.failed', 0.08],
  ['payment.refunded', 0.1],
  ['subscription.created', 0.22],
  ['subscription.cancelled', 0.1],
];

const users = 5_000;
const courses = 60;
const currencies = ['usd', 'usd', 'usd', 'eur', 'gbp'] as const;
/** Prices in minor units: 9.99 to 299.00. */
const prices = [999, 1_999, 2_900, 4_900, 7_900, 9_900, 14_900, 29_900];
const plans = ['price_monthly_basic', 'price_monthly_pro', 'price_yearly_all'];
const firstEventAt = Date.UTC(2026, 11, 1);
const day = 24 * 60 * 60 * 1000;

type PaymentData = EventDataByType['payment.success'];
type SubscriptionData = EventDataByType['subscription.created'];

/**
 * `count` payments events with distinct ids, as Stripe's mapped webhooks produce them: a payment succeeds
 * (sometimes reported twice: payment_intent.succeeded and charge.succeeded of one payment), fails (some then
 * succeed on a second try), is refunded in part or in full (the cumulative total, as Stripe reports it);
 * subscriptions are created and some cancelled. Every event of a payment or subscription comes after the one
 * that opened it, under the same key, so the handlers never see a refund before its payment.
 */
export function paymentsEvents(count: number, random: Random, run: string): InletEvent[] {
  const succeeded: { data: PaymentData; refunded: number }[] = [];
  const declined: PaymentData[] = [];
  const active: SubscriptionData[] = [];
  const events: InletEvent[] = [];
  for (let index = 0; index < count; index++) {
    const occurredAt = firstEventAt + index * 400 + random.between(0, 300);
    const envelope = {
      eventId: benchEventId(run, index),
      source: 'bench-stripe',
      occurredAt,
      receivedAt: occurredAt + random.between(50, 3_000),
    };
    let type = pickType(random);
    if (type === 'payment.refunded' && !succeeded.some((payment) => payment.refunded < payment.data.amount))
      type = 'payment.success';
    if (type === 'subscription.cancelled' && active.length === 0) type = 'subscription.created';

    if (type === 'payment.success') {
      const retried =
        declined.length > 0 && random.chance(0.15)
          ? declined.splice(random.int(declined.length), 1)[0]
          : undefined;
      const again =
        !retried && succeeded.length > 0 && random.chance(0.15) ? random.pick(succeeded) : undefined;
      const data = retried
        ? { ...retried, failureReason: null }
        : again
          ? again.data
          : newPayment(random, run, index);
      if (!again) succeeded.push({ data, refunded: 0 });
      const name = again ? 'charge.succeeded' : 'payment_intent.succeeded';
      events.push({ ...envelope, sourceEventName: name, type, data });
    } else if (type === 'payment.failed') {
      const data = {
        ...newPayment(random, run, index),
        failureReason: random.pick(['card_declined', 'insufficient_funds', 'expired_card']),
      };
      declined.push(data);
      events.push({ ...envelope, sourceEventName: 'payment_intent.payment_failed', type, data });
    } else if (type === 'payment.refunded') {
      const refundable = succeeded.filter((payment) => payment.refunded < payment.data.amount);
      const payment = random.pick(refundable);
      const full = random.chance(0.6);
      payment.refunded = full
        ? payment.data.amount
        : Math.min(payment.data.amount, payment.refunded + Math.ceil(payment.data.amount / 4));
      events.push({
        ...envelope,
        sourceEventName: 'charge.refunded',
        type,
        data: { ...payment.data, amountRefunded: payment.refunded },
      });
    } else if (type === 'subscription.created') {
      const data: SubscriptionData = {
        subscriptionId: `sub_${run}_${index}`,
        userId: `u-${random.between(1, users)}`,
        customerId: `cus_${random.between(1, users)}`,
        planId: random.pick(plans),
        status: 'active',
        courseId: random.chance(0.5) ? `course-${random.between(1, courses)}` : null,
        currentPeriodEnd: occurredAt + 30 * day,
      };
      active.push(data);
      events.push({ ...envelope, sourceEventName: 'customer.subscription.created', type, data });
    } else {
      const [subscription] = active.splice(random.int(active.length), 1);
      events.push({
        ...envelope,
        sourceEventName: 'customer.subscription.deleted',
        type,
        data: { ...subscription!, status: 'canceled' },
      });
    }
  }
  return events;
}

function newPayment(random: Random, run: string, index: number): PaymentData {
  const userId = `u-${random.between(1, users)}`;
  return {
    paymentId: `pi_${run}_${index}`,
    userId,
    customerId: `cus_${userId.slice(2)}`,
    amount: random.pick(prices),
    currency: random.pick(currencies),
    courseId: random.chance(0.9) ? `course-${random.between(1, courses)}` : null,
    amountRefunded: null,
    failureReason: null,
  };
}

function pickType(random: Random): PaymentsType {
  let roll = random.next();
  for (const [type, weight] of weights) {
    roll -= weight;
    if (roll < 0) return type;
  }
  return 'payment.success';
}
