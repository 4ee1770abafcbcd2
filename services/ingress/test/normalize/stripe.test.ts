import { describe, expect, it } from 'vitest';
import { normalizeCommerce, normalizeLti } from '../../src/normalize/index.js';
import { expectNormalizeError, fixture, withValue } from './helpers.js';

const paymentIntentId = 'pi_3OuXq2LkdIwHu7ix1a2b3c4d';
const paymentOfBio101 = {
  paymentId: paymentIntentId,
  userId: 'user_8f2c41',
  customerId: 'cus_PkX8b2J4hQ0sTz',
  amount: 4900,
  currency: 'usd',
  courseId: 'course_bio101',
  amountRefunded: null,
  failureReason: null,
};

describe('Stripe events', () => {
  it('maps payment_intent.succeeded to payment.success', () => {
    expect(normalizeCommerce(fixture('stripe/payment_intent.succeeded.json'))).toEqual({
      type: 'payment.success',
      data: paymentOfBio101,
      occurredAt: 1710428970000,
      sourceEventName: 'payment_intent.succeeded',
      senderEventId: 'evt_3OuXq2LkdIwHu7ix0pI9sUcc',
    });
  });

  it("maps charge.succeeded to payment.success under the charge's PaymentIntent", () => {
    expect(normalizeCommerce(fixture('stripe/charge.succeeded.json'))).toEqual({
      type: 'payment.success',
      data: paymentOfBio101,
      occurredAt: 1710428969000,
      sourceEventName: 'charge.succeeded',
      senderEventId: 'evt_3OuXq2LkdIwHu7ix0L2mNoPq',
    });
  });

  it('maps a charge without a PaymentIntent under its own id', () => {
    const payload = withValue('stripe/charge.succeeded.json', '/data/object/payment_intent', null);
    expect(normalizeCommerce(payload).data).toMatchObject({ paymentId: 'ch_3OuXq2LkdIwHu7ix1e5f6g7h' });
  });

  it('maps charge.refunded to payment.refunded on the same paymentId as the payment it refunds', () => {
    const refund = normalizeCommerce(fixture('stripe/charge.refunded.json'));
    expect(refund).toEqual({
      type: 'payment.refunded',
      data: { ...paymentOfBio101, amountRefunded: 4900 },
      occurredAt: 1710601200000,
      sourceEventName: 'charge.refunded',
      senderEventId: 'evt_3OuXq2LkdIwHu7ix0RfNd7Xs',
    });
    for (const paid of ['payment_intent.succeeded', 'charge.succeeded', 'checkout.session.completed']) {
      const payment = normalizeCommerce(fixture(`stripe/${paid}.json`));
      expect(payment.type).toBe('payment.success');
      expect((payment.data as { paymentId: string }).paymentId).toBe(
        (refund.data as { paymentId: string }).paymentId,
      );
    }
  });

  it('keeps refund and payment together for a charge made without a PaymentIntent', () => {
    const paid = normalizeCommerce(
      withValue('stripe/charge.succeeded.json', '/data/object/payment_intent', null),
    );
    const refunded = normalizeCommerce(
      withValue('stripe/charge.refunded.json', '/data/object/payment_intent', null),
    );
    expect((refunded.data as { paymentId: string }).paymentId).toBe(
      (paid.data as { paymentId: string }).paymentId,
    );
  });

  it('maps payment_intent.payment_failed to payment.failed with the error message', () => {
    expect(normalizeCommerce(fixture('stripe/payment_intent.payment_failed.json'))).toEqual({
      type: 'payment.failed',
      data: {
        paymentId: 'pi_3OvAb7LkdIwHu7ix0q9r8s7t',
        userId: 'user_19ab77',
        customerId: 'cus_PkZ3m1Q8rT5uVw',
        amount: 12900,
        currency: 'eur',
        courseId: 'course_ds200',
        amountRefunded: null,
        failureReason: 'Your card has insufficient funds.',
      },
      occurredAt: 1710515402000,
      sourceEventName: 'payment_intent.payment_failed',
      senderEventId: 'evt_3OvAb7LkdIwHu7ix0FaIlEd1',
    });
  });

  it('maps charge.failed to payment.failed with failure_message, under the same payment', () => {
    const failed = normalizeCommerce(fixture('stripe/charge.failed.json'));
    expect(failed.type).toBe('payment.failed');
    expect(failed.data).toEqual({
      paymentId: 'pi_3OvAb7LkdIwHu7ix0q9r8s7t',
      userId: 'user_19ab77',
      customerId: 'cus_PkZ3m1Q8rT5uVw',
      amount: 12900,
      currency: 'eur',
      courseId: 'course_ds200',
      amountRefunded: null,
      failureReason: 'Your card has insufficient funds.',
    });
  });

  it('maps checkout.session.completed to payment.success (user from client_reference_id)', () => {
    expect(normalizeCommerce(fixture('stripe/checkout.session.completed.json'))).toEqual({
      type: 'payment.success',
      data: paymentOfBio101,
      occurredAt: 1710428971000,
      sourceEventName: 'checkout.session.completed',
      senderEventId: 'evt_1OuXq3LkdIwHu7ixCkOuT5es',
    });
  });

  it('uses the session id when a checkout took no PaymentIntent', () => {
    const payload = withValue('stripe/checkout.session.completed.json', '/data/object/payment_intent', null);
    expect(normalizeCommerce(payload).data).toMatchObject({
      paymentId: 'cs_test_a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuVwXyZ',
    });
  });

  it('does not call an unpaid completed checkout a payment, but maps its async success', () => {
    const unpaid = withValue(
      'stripe/checkout.session.completed.json',
      '/data/object/payment_status',
      'unpaid',
    );
    const error = expectNormalizeError(() => normalizeCommerce(unpaid), {
      code: 'INLET_UNKNOWN_EVENT_TYPE',
      field: '/data/object/payment_status',
    });
    // Kept on the unmapped topic with a 202: refused, Stripe would retry it for days.
    expect(error.unknownEvent).toMatchObject({ eventName: 'checkout.session.completed' });
    unpaid.type = 'checkout.session.async_payment_succeeded';
    expect(normalizeCommerce(unpaid)).toMatchObject({ type: 'payment.success', data: paymentOfBio101 });
  });

  it('maps customer.subscription.created to subscription.created', () => {
    expect(normalizeCommerce(fixture('stripe/customer.subscription.created.json'))).toEqual({
      type: 'subscription.created',
      data: {
        subscriptionId: 'sub_1OwSuBLkdIwHu7ixR4n5Vw6x',
        userId: 'user_8f2c41',
        customerId: 'cus_PkX8b2J4hQ0sTz',
        planId: 'price_1OwSt9LkdIwHu7ixPrO1mOnT',
        status: 'active',
        courseId: null,
        currentPeriodEnd: 1714521600000,
      },
      occurredAt: 1711929600000,
      sourceEventName: 'customer.subscription.created',
      senderEventId: 'evt_1OwSuBLkdIwHu7ixSuBcReAt',
    });
  });

  it('maps customer.subscription.deleted to subscription.cancelled (period end from the item, API 2025-03-31+)', () => {
    expect(normalizeCommerce(fixture('stripe/customer.subscription.deleted.json'))).toEqual({
      type: 'subscription.cancelled',
      data: {
        subscriptionId: 'sub_1OwSuBLkdIwHu7ixR4n5Vw6x',
        userId: 'user_8f2c41',
        customerId: 'cus_PkX8b2J4hQ0sTz',
        planId: 'price_1OwSt9LkdIwHu7ixPrO1mOnT',
        status: 'canceled',
        courseId: null,
        currentPeriodEnd: 1714521600000,
      },
      occurredAt: 1714521605000,
      sourceEventName: 'customer.subscription.deleted',
      senderEventId: 'evt_1P2CaNLkdIwHu7ixCaNcElEd',
    });
  });

  it('falls back to the legacy plan id', () => {
    const payload = withValue('stripe/customer.subscription.created.json', '/data/object/items', undefined);
    expect(normalizeCommerce(payload).data).toMatchObject({ planId: 'price_1OwSt9LkdIwHu7ixPrO1mOnT' });
  });

  it('answers an event Inlet does not map with INLET_UNKNOWN_EVENT_TYPE naming it, to be kept unmapped', () => {
    const payload = fixture('stripe/customer.subscription.updated.json') as { id: string };
    const error = expectNormalizeError(() => normalizeCommerce(payload), {
      code: 'INLET_UNKNOWN_EVENT_TYPE',
      field: '/type',
      message: "Stripe event 'customer.subscription.updated' is not mapped by Inlet",
    });
    expect(error.unknownEvent).toEqual({
      eventName: 'customer.subscription.updated',
      senderEventId: payload.id,
    });
  });

  it('refuses a fractional amount and a missing currency, pointing into data.object', () => {
    expectNormalizeError(
      () => normalizeCommerce(withValue('stripe/charge.succeeded.json', '/data/object/amount', 49.0001)),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/data/object/amount',
        message: '/data/object/amount must be integer',
      },
    );
    expectNormalizeError(
      () =>
        normalizeCommerce(
          withValue('stripe/payment_intent.succeeded.json', '/data/object/currency', undefined),
        ),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/data/object/currency',
        message: '/data/object/currency is required',
      },
    );
  });

  it('refuses an event whose id is not an evt_ id', () => {
    expectNormalizeError(
      () => normalizeCommerce(withValue('stripe/charge.succeeded.json', '/id', 'ch_123')),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/id',
        message: "/id must be a Stripe event id ('evt_…')",
      },
    );
  });

  it('is not accepted on the LTI route', () => {
    expectNormalizeError(() => normalizeLti(fixture('stripe/charge.succeeded.json')), {
      code: 'INLET_UNKNOWN_EVENT_TYPE',
      field: '/type',
    });
  });
});
