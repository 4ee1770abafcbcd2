import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '@inlet/kafka-runtime';
import { sameHandlerFor, type ServiceBatchHandler } from '@inlet/service-kit';
import { createEventApplier, useMigratedDatabase } from '@inlet/service-kit/testing';
import { paymentsBatchHandler } from '../../src/handlers/event-batch.js';
import type { PaymentsEventType } from '../../src/handlers/index.js';
import { payments } from '../../src/service.js';
import { eventApplier } from '../helpers/apply.js';
import { applyInOneCall, rowsOf } from '../helpers/batch.js';
import { at, paymentEvent, subscriptionEvent } from '../helpers/events.js';

// The payments batch handler under the consumer runtime's own batch transaction (applyBatch): a slice of the
// topic is one run, and a run that an event spoils is applied again one event at a time.
describe('payments handler: runs under the runtime', () => {
  /** The size of each applyMany call, in order. */
  const runs: number[] = [];
  const viaRuntime = useMigratedDatabase(payments, (pool) => {
    const handler = paymentsBatchHandler(() => undefined);
    const counted: ServiceBatchHandler<PaymentsEventType> = {
      applyMany(events, context) {
        runs.push(events.length);
        return handler.applyMany(events, context);
      },
    };
    const types = [
      'payment.success',
      'payment.failed',
      'payment.refunded',
      'subscription.created',
      'subscription.cancelled',
    ] as const;
    return createEventApplier(pool, sameHandlerFor(types, counted), {
      processedTable: payments.processedTable,
    });
  });
  const oneByOne = useMigratedDatabase(payments, eventApplier);

  const ids = (run: string) => ({
    usd: `${run}-pi-usd`,
    other: `${run}-pi-other`,
    subscription: `${run}-sub`,
  });

  it('applies a slice that mixes payment and subscription events as ONE run', async () => {
    const run = `run-${randomUUID()}`;
    const { usd, other, subscription } = ids(run);
    const slice = [
      paymentEvent('payment.success', { paymentId: usd, userId: 'u-1' }, { occurredAt: at(10) }),
      subscriptionEvent('subscription.created', { subscriptionId: subscription, userId: 'u-1' }),
      paymentEvent('payment.failed', { paymentId: other }),
      subscriptionEvent('subscription.cancelled', { subscriptionId: subscription }, { occurredAt: at(50) }),
      paymentEvent('payment.refunded', { paymentId: usd, amountRefunded: 1000 }, { occurredAt: at(20) }),
    ];
    runs.length = 0;
    const results = await viaRuntime.applier.applyTogether(...slice);
    expect(results.map((result) => result.status)).toEqual(slice.map(() => 'processed'));
    expect(runs).toEqual([slice.length]);

    await oneByOne.apply(...slice);
    expect(await rowsOf(viaRuntime.db.pool, run)).toEqual(await rowsOf(oneByOne.db.pool, run));
  });

  it('a currency mismatch in the middle of a run throws a PermanentError, even against an entry of the same run', async () => {
    const run = `run-${randomUUID()}`;
    const { usd, other, subscription } = ids(run);
    const mismatch = paymentEvent('payment.refunded', {
      paymentId: usd,
      currency: 'eur',
      amountRefunded: 100,
    });
    const failure = applyInOneCall(viaRuntime.db.pool, [
      paymentEvent('payment.success', { paymentId: usd }),
      subscriptionEvent('subscription.created', { subscriptionId: subscription }),
      mismatch,
      paymentEvent('payment.success', { paymentId: other }),
    ]);
    await expect(failure).rejects.toBeInstanceOf(PermanentError);
    await expect(failure).rejects.toMatchObject({
      code: 'INLET_PAYMENT_CURRENCY_MISMATCH',
      message: `event ${mismatch.eventId}: payment ${usd} is recorded in usd, the event says eur`,
    });
    const written = await rowsOf(viaRuntime.db.pool, run);
    expect(Object.values(written).flat()).toEqual([]);
  });

  it('fails only the events at fault, one at a time; the rest ends as applied one by one', async () => {
    const run = `run-${randomUUID()}`;
    const { usd, other, subscription } = ids(run);
    const good = {
      capture: paymentEvent('payment.success', { paymentId: usd, userId: 'u-1' }, { occurredAt: at(10) }),
      created: subscriptionEvent('subscription.created', { subscriptionId: subscription, userId: 'u-1' }),
      refund: paymentEvent(
        'payment.refunded',
        { paymentId: usd, amountRefunded: 4900 },
        { occurredAt: at(30) },
      ),
      cancelled: subscriptionEvent('subscription.cancelled', { subscriptionId: subscription }),
    };
    const bad = {
      mismatch: paymentEvent('payment.refunded', { paymentId: usd, currency: 'eur', amountRefunded: 100 }),
      amount: paymentEvent('payment.success', { paymentId: other, amount: 49.5 }),
      periodEnd: subscriptionEvent('subscription.cancelled', {
        subscriptionId: subscription,
        currentPeriodEnd: -1,
      }),
    };
    const slice = [
      good.capture,
      good.created,
      bad.mismatch,
      bad.amount,
      bad.periodEnd,
      good.refund,
      good.cancelled,
    ];
    runs.length = 0;
    const results = await viaRuntime.applier.applyTogether(...slice);

    expect(results.map((result) => result.status)).toEqual([
      'processed',
      'processed',
      'failed',
      'failed',
      'failed',
      'processed',
      'processed',
    ]);
    expect(results.map((result) => (result.status === 'failed' ? result.error : undefined))).toMatchObject([
      undefined,
      undefined,
      { code: 'INLET_PAYMENT_CURRENCY_MISMATCH' },
      { code: 'INLET_PAYMENT_EVENT_INVALID' },
      { code: 'INLET_SUBSCRIPTION_EVENT_INVALID' },
      undefined,
      undefined,
    ]);
    // The run, then each of its events alone.
    expect(runs).toEqual([slice.length, ...slice.map(() => 1)]);

    await oneByOne.apply(good.capture, good.created, good.refund, good.cancelled);
    expect(await rowsOf(viaRuntime.db.pool, run)).toEqual(await rowsOf(oneByOne.db.pool, run));
  });
});
