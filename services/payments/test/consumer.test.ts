import { describe, expect, it } from 'vitest';
import { retryHeaders } from '@inlet/kafka-runtime';
import { itServesMetricsAndHealth, useConsumerUnderTest } from '@inlet/service-kit/testing';
import { readRecords, uniqueName, waitFor } from '@inlet/test-harness';
import { payments } from '../src/service.js';
import { at, paymentEvent, subscriptionEvent } from './helpers/events.js';

// The real consumer runtime on unique topics, fed real Avro-encoded events, seen through the read API.
describe('payments consuming from Kafka', () => {
  // The DLQ and retry cases fail on purpose; their warnings would only hide real ones.
  const service = useConsumerUnderTest(payments, { logLevel: 'fatal' });
  const { produce, get, handled } = service;

  it("applies Stripe's events of one payment, a refund and a subscription; the read API shows them", async () => {
    const userId = uniqueName('learner');
    const paymentId = uniqueName('pi');
    const subscriptionId = uniqueName('sub');
    const success = (sourceEventName: string, seconds: number) =>
      paymentEvent(
        'payment.success',
        { paymentId, userId, courseId: 'course_bio101' },
        { occurredAt: at(seconds), sourceEventName },
      );
    await produce(
      success('charge.succeeded', 9),
      success('payment_intent.succeeded', 10),
      success('checkout.session.completed', 11),
      paymentEvent(
        'payment.refunded',
        { paymentId, userId, courseId: 'course_bio101', amountRefunded: 2450 },
        { occurredAt: at(20), sourceEventName: 'charge.refunded' },
      ),
      subscriptionEvent('subscription.created', { subscriptionId, userId }, { occurredAt: at(30) }),
    );

    const payment = await waitFor(
      async () => {
        const response = await get(`/payments/${paymentId}`);
        return response.statusCode === 200 && response.json().entries === 4 && response.json();
      },
      { what: 'the payment with its four ledger entries' },
    );
    expect(payment).toMatchObject({
      status: 'partially_refunded',
      currency: 'usd',
      captured: 4900,
      refunded: 2450,
      balance: 2450,
    });
    const entitlements = await waitFor(async () => {
      const body = (await get(`/users/${userId}/entitlements`)).json();
      return body.items.length === 2 && body;
    });
    expect(entitlements.items.map((item: { courseId: string | null }) => item.courseId)).toEqual([
      null,
      'course_bio101',
    ]);
    const ledger = (await get(`/users/${userId}/ledger`)).json();
    expect(ledger.items.map((entry: { kind: string }) => entry.kind)).toEqual([
      'refund',
      'duplicate_capture',
      'duplicate_capture',
      'capture',
    ]);
    expect((await get('/health/ready')).statusCode).toBe(200);
  });

  it('a redelivered event is applied once: no second ledger entry', async () => {
    const paymentId = uniqueName('pi');
    const refund = paymentEvent('payment.refunded', { paymentId, amountRefunded: 1000 });
    await produce(paymentEvent('payment.success', { paymentId }), refund);
    await waitFor(async () => (await get(`/payments/${paymentId}`)).json().entries === 2, {
      what: 'the payment and its refund',
    });
    const before = handled();

    await produce(refund);
    await waitFor(() => handled() >= before + 1, { what: 'the redelivery to be handled' });

    expect((await get(`/payments/${paymentId}`)).json()).toMatchObject({ entries: 2, refunded: 1000 });
    const { rows } = await service.db.pool.query(
      'SELECT count(*)::int AS n FROM payments.processed_events WHERE event_id = $1',
      [refund.eventId],
    );
    expect(rows[0]).toEqual({ n: 1 });
    expect(service.consumer.status().skipped).toBeGreaterThanOrEqual(1);
  });

  it('an amount or currency no retry can fix goes straight to the DLQ, and nothing is recorded', async () => {
    const badCurrency = paymentEvent('payment.success', { paymentId: uniqueName('pi'), currency: 'xx1' });
    const badRefund = paymentEvent('payment.refunded', {
      paymentId: uniqueName('pi'),
      amount: 100,
      amountRefunded: 500,
    });
    await produce(badCurrency, badRefund);

    const dead = await readRecords(service.kafka, service.topics.dlq, 2);
    const byId = new Map(dead.map((record) => [record.headers['inlet-event-id'], record.headers]));
    for (const event of [badCurrency, badRefund]) {
      expect(byId.get(event.eventId)).toMatchObject({
        [retryHeaders.attempt]: '1',
        [retryHeaders.errorClass]: 'PermanentError',
        [retryHeaders.errorCode]: 'INLET_PAYMENT_EVENT_INVALID',
      });
    }
    for (const event of [badCurrency, badRefund]) {
      expect((await get(`/payments/${event.data.paymentId}`)).statusCode).toBe(404);
    }
  });

  it('a transient database failure is retried through the retry tiers, and the event applies once it clears', async () => {
    const paymentId = uniqueName('pi');
    // The ledger refuses this payment's entries for a while, as a failing database would.
    await service.db.pool.query(
      `ALTER TABLE payments.ledger ADD CONSTRAINT outage CHECK (payment_id <> '${paymentId}') NOT VALID`,
    );
    const retriedBefore = service.consumer.status().retried;
    try {
      await produce(paymentEvent('payment.success', { paymentId }));
      await waitFor(() => service.consumer.status().retried > retriedBefore, {
        what: 'the event to be sent to retry',
      });
    } finally {
      await service.db.pool.query('ALTER TABLE payments.ledger DROP CONSTRAINT outage');
    }

    const payment = await waitFor(async () => {
      const response = await get(`/payments/${paymentId}`);
      return response.statusCode === 200 && response.json();
    });
    expect(payment).toMatchObject({ status: 'succeeded', captured: 4900, entries: 1 });
  });

  itServesMetricsAndHealth(service, {
    serviceMetrics: [/inlet_payments_ledger_entries_total\{kind="duplicate_capture"\} [1-9]/],
  });
});
