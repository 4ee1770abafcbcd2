import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InletEvent } from '@inlet/schemas';
import { useMigratedDatabase } from '@inlet/service-kit/testing';
import type { PaymentsEventType } from '../../src/handlers/index.js';
import { payments } from '../../src/service.js';
import { eventApplier } from '../helpers/apply.js';
import { applyInOneCall, rowsOf } from '../helpers/batch.js';
import { at, paymentEvent, subscriptionEvent, type PaymentType } from '../helpers/events.js';

type PaymentsEvent = InletEvent<PaymentsEventType>;

/** The entities' event lists merged round-robin: each entity's events stay in order, entities interleave. */
function interleave(perEntity: PaymentsEvent[][]): PaymentsEvent[] {
  const merged: PaymentsEvent[] = [];
  for (let index = 0; merged.length < perEntity.flat().length; index++) {
    for (const events of perEntity) if (index < events.length) merged.push(events[index]!);
  }
  return merged;
}

/**
 * Stripe-like traffic for payments and subscriptions whose ids start with `run`: `history` is applied first,
 * `batch` is the run under test (several events of one payment or subscription in it, refunds before and after
 * their capture, duplicates, failures, creations and cancellations in either order).
 */
function mixedTraffic(run: string) {
  const pay = (type: PaymentType, id: string, seconds: number, data: object = {}, name?: string) =>
    paymentEvent(
      type,
      { paymentId: `${run}-${id}`, ...data },
      { occurredAt: at(seconds), sourceEventName: name ?? null },
    );
  const sub = (
    type: 'subscription.created' | 'subscription.cancelled',
    id: string,
    seconds: number,
    data = {},
  ) => subscriptionEvent(type, { subscriptionId: `${run}-${id}`, ...data }, { occurredAt: at(seconds) });
  const refund = (id: string, seconds: number, amountRefunded: number, data: object = {}) =>
    pay('payment.refunded', id, seconds, { amountRefunded, courseId: null, ...data }, 'charge.refunded');
  const buyer = { userId: 'u-1', courseId: 'bio' };

  const history = [
    pay('payment.success', 'pi-1', 10, buyer, 'payment_intent.succeeded'),
    refund('pi-4', 20, 4900),
    sub('subscription.created', 'sub-1', 10, { userId: 'u-1', currentPeriodEnd: at(3600) }),
  ];
  const batch = interleave([
    [
      pay('payment.success', 'pi-1', 9, buyer, 'charge.succeeded'),
      refund('pi-1', 20, 1000),
      refund('pi-1', 21, 1000),
      refund('pi-1', 30, 4900),
    ],
    [
      refund('pi-2', 20, 2450),
      pay('payment.success', 'pi-2', 10, { userId: 'u-1', courseId: 'chem' }),
      refund('pi-2', 25, 1000),
    ],
    [
      pay('payment.failed', 'pi-3', 10, { userId: 'u-2', failureReason: 'card_declined' }),
      pay('payment.success', 'pi-3', 20, { userId: 'u-2' }),
    ],
    [pay('payment.success', 'pi-4', 10, buyer)],
    [
      pay('payment.success', 'pi-5', 10, { courseId: 'art' }),
      pay('payment.success', 'pi-5', 11, { userId: 'u-2' }, 'checkout.session.completed'),
    ],
    [pay('payment.success', 'pi-6', 20, buyer), pay('payment.failed', 'pi-6', 10)],
    [
      pay('payment.success', 'pi-7', 30, { userId: 'u-3', amount: 12900, currency: 'EUR' }),
      refund('pi-7', 40, 12900, { amount: 12900, currency: 'eur' }),
    ],
    [refund('pi-8', 20, 1000)],
    [pay('payment.failed', 'pi-9', 10, { failureReason: 'expired_card' })],
    [sub('subscription.cancelled', 'sub-1', 100, { currentPeriodEnd: at(5000) })],
    [
      sub('subscription.cancelled', 'sub-2', 500, { currentPeriodEnd: at(2000) }),
      sub('subscription.created', 'sub-2', 10, { userId: 'u-2', courseId: 'c-1' }),
    ],
    [sub('subscription.created', 'sub-3', 10), sub('subscription.created', 'sub-3', 11, { userId: 'u-3' })],
    [
      sub('subscription.created', 'sub-4', 10, { userId: 'u-1' }),
      sub('subscription.cancelled', 'sub-4', 600, { currentPeriodEnd: at(3000) }),
      sub('subscription.cancelled', 'sub-4', 500, { currentPeriodEnd: at(2000), planId: null }),
    ],
  ]);
  return { history, batch };
}

// The batch path against the definition it must meet: a run applied in ONE applyMany call leaves exactly the
// rows that applying its events one by one (each applyMany([event]) in its own transaction) leaves.
describe('payments handler: a run at once equals its events one by one', () => {
  const oneByOne = useMigratedDatabase(payments, eventApplier);
  const together = useMigratedDatabase(payments, eventApplier);

  /** Applies `history` one by one to both databases, then `batch` one by one and in one call. */
  async function applyBothWays(history: PaymentsEvent[], batch: PaymentsEvent[]) {
    await oneByOne.apply(...history);
    await together.apply(...history);
    const reportedBefore = oneByOne.applier.entries.length;
    await oneByOne.apply(...batch);
    const reportedOneByOne = oneByOne.applier.entries.slice(reportedBefore);
    const reportedTogether = await applyInOneCall(together.db.pool, batch);
    return { reportedOneByOne, reportedTogether };
  }

  it('mixed payment and subscription traffic ends in the same ledger, projections and grants', async () => {
    const run = `run-${randomUUID()}`;
    const { history, batch } = mixedTraffic(run);
    const { reportedOneByOne, reportedTogether } = await applyBothWays(history, batch);

    const expected = await rowsOf(oneByOne.db.pool, run);
    expect(await rowsOf(together.db.pool, run)).toEqual(expected);
    expect(reportedTogether).toEqual(reportedOneByOne);

    // The traffic reaches every outcome, so the equality is not that of two empty tables.
    const statusOf = (rows: string[], key: string) =>
      Object.fromEntries(
        rows.map((text) => JSON.parse(text)).map((row) => [row[key].slice(run.length + 1), row.status]),
      );
    expect(statusOf(expected.payments, 'payment_id')).toEqual({
      'pi-1': 'refunded',
      'pi-2': 'partially_refunded',
      'pi-3': 'succeeded',
      'pi-4': 'refunded',
      'pi-5': 'succeeded',
      'pi-6': 'succeeded',
      'pi-7': 'refunded',
      'pi-8': 'awaiting_capture',
      'pi-9': 'failed',
    });
    expect(statusOf(expected.subscriptions, 'subscription_id')).toEqual({
      'sub-1': 'cancelled',
      'sub-2': 'cancelled',
      'sub-3': 'active',
      'sub-4': 'cancelled',
    });
    expect(expected.ledger).toHaveLength(
      2 + batch.filter((event) => event.type.startsWith('payment.')).length,
    );
    expect(new Set(reportedTogether)).toEqual(
      new Set(['capture', 'duplicate_capture', 'refund', 'duplicate_refund', 'failure']),
    );
    expect(expected.entitlementGrants).toHaveLength(11);
  });

  it('any generated traffic, split anywhere into history and run, ends the same both ways', async () => {
    const paymentSpec = fc.record({
      kind: fc.constant('payment' as const),
      type: fc.constantFrom<PaymentType>('payment.success', 'payment.failed', 'payment.refunded'),
      entity: fc.integer({ min: 0, max: 2 }),
      amount: fc.constantFrom(4900, 5000),
      amountRefunded: fc.integer({ min: 0, max: 4900 }),
      userId: fc.constantFrom(null, 'u-1', 'u-2'),
      courseId: fc.constantFrom(null, 'c-1', 'c-2'),
      seconds: fc.integer({ min: 0, max: 40 }),
    });
    const subscriptionSpec = fc.record({
      kind: fc.constant('subscription' as const),
      type: fc.constantFrom('subscription.created' as const, 'subscription.cancelled' as const),
      entity: fc.integer({ min: 0, max: 1 }),
      userId: fc.constantFrom(null, 'u-1', 'u-2'),
      courseId: fc.constantFrom(null, 'c-1'),
      planId: fc.constantFrom(null, 'plan-1', 'plan-2'),
      periodEnd: fc.option(fc.integer({ min: 0, max: 100 })),
      seconds: fc.integer({ min: 0, max: 40 }),
    });
    // One currency per payment, in either case: a mismatch is a refusal, proven apart.
    const currencies = ['usd', 'EUR', 'jpy'];
    const traffic = fc.record({
      specs: fc.array(fc.oneof(paymentSpec, subscriptionSpec), { minLength: 1, maxLength: 30 }),
      split: fc.nat(),
    });

    await fc.assert(
      fc.asyncProperty(traffic, async ({ specs, split }) => {
        const run = `run-${randomUUID()}`;
        const events: PaymentsEvent[] = specs.map((spec) =>
          spec.kind === 'payment'
            ? paymentEvent(
                spec.type,
                {
                  paymentId: `${run}-pi-${spec.entity}`,
                  amount: spec.amount,
                  currency: currencies[spec.entity]!,
                  amountRefunded: spec.type === 'payment.refunded' ? spec.amountRefunded : null,
                  userId: spec.userId,
                  courseId: spec.courseId,
                },
                { occurredAt: at(spec.seconds) },
              )
            : subscriptionEvent(
                spec.type,
                {
                  subscriptionId: `${run}-sub-${spec.entity}`,
                  userId: spec.userId,
                  courseId: spec.courseId,
                  planId: spec.planId,
                  currentPeriodEnd: spec.periodEnd === null ? null : at(spec.periodEnd),
                },
                { occurredAt: at(spec.seconds) },
              ),
        );
        const cut = split % events.length;
        const { reportedOneByOne, reportedTogether } = await applyBothWays(
          events.slice(0, cut),
          events.slice(cut),
        );
        expect(await rowsOf(together.db.pool, run)).toEqual(await rowsOf(oneByOne.db.pool, run));
        expect(reportedTogether).toEqual(reportedOneByOne);
      }),
      { numRuns: 40 },
    );
  });
});
