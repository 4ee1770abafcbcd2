/** Generic events on the commerce route: payments, subscriptions and learning progress. */
import { describe, expect, it } from 'vitest';
import { normalizeCommerce } from '../../src/normalize/index.js';
import { expectNormalizeError, fixture, withValue } from './helpers.js';

describe('generic events on the commerce route', () => {
  it('maps payment.success: envelope id and timestamp, currency lower-cased', () => {
    expect(normalizeCommerce(fixture('generic/payment.success.json'))).toEqual({
      type: 'payment.success',
      data: {
        paymentId: 'pay_01HS3K',
        userId: 'user123',
        customerId: 'cust_77',
        amount: 4900,
        currency: 'usd',
        courseId: 'course-bio-101',
        amountRefunded: null,
        failureReason: null,
      },
      occurredAt: Date.UTC(2024, 2, 14, 15, 9, 30),
      sourceEventName: null,
      senderEventId: 'pay_evt_20240314_0001',
    });
  });

  it('maps payment.refunded onto the same paymentId as its payment', () => {
    const payment = normalizeCommerce(fixture('generic/payment.success.json'));
    const refund = normalizeCommerce(fixture('generic/payment.refunded.json'));
    expect(refund.type).toBe('payment.refunded');
    expect(refund.data).toEqual({
      paymentId: 'pay_01HS3K',
      userId: 'user123',
      customerId: null,
      amount: 4900,
      currency: 'usd',
      courseId: null,
      amountRefunded: 2450,
      failureReason: null,
    });
    expect((refund.data as { paymentId: string }).paymentId).toBe(
      (payment.data as { paymentId: string }).paymentId,
    );
  });

  it('refuses a decimal amount: money is integer minor units', () => {
    expectNormalizeError(
      () => normalizeCommerce(withValue('generic/payment.success.json', '/data/amount', 49.99)),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/data/amount',
        message: '/data/amount must be integer',
      },
    );
  });

  it('refuses a refund without amountRefunded', () => {
    expectNormalizeError(
      () => normalizeCommerce(withValue('generic/payment.refunded.json', '/data/amountRefunded', undefined)),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/data/amountRefunded',
        message: '/data/amountRefunded is required',
      },
    );
  });

  it('refuses a currency that is not an ISO 4217 code', () => {
    expectNormalizeError(
      () => normalizeCommerce(withValue('generic/payment.success.json', '/data/currency', 'dollars')),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/data/currency',
        message: '/data/currency must be a three-letter ISO 4217 currency code',
      },
    );
  });

  it('maps subscription.created with currentPeriodEnd in epoch ms', () => {
    expect(normalizeCommerce(fixture('generic/subscription.created.json'))).toEqual({
      type: 'subscription.created',
      data: {
        subscriptionId: 'sub_0042',
        userId: 'user123',
        customerId: 'cust_77',
        planId: 'all-access-monthly',
        status: 'active',
        courseId: null,
        currentPeriodEnd: Date.UTC(2024, 4, 1),
      },
      occurredAt: Date.UTC(2024, 3, 1),
      sourceEventName: null,
      senderEventId: null,
    });
  });

  it('maps subscription.cancelled', () => {
    const event = normalizeCommerce({
      type: 'subscription.cancelled',
      data: { subscriptionId: 'sub_0042', status: 'canceled' },
    });
    expect(event).toEqual({
      type: 'subscription.cancelled',
      data: {
        subscriptionId: 'sub_0042',
        userId: null,
        customerId: null,
        planId: null,
        status: 'canceled',
        courseId: null,
        currentPeriodEnd: null,
      },
      occurredAt: null,
      sourceEventName: null,
      senderEventId: null,
    });
  });

  it('maps payment.failed with its reason', () => {
    const event = normalizeCommerce({
      type: 'payment.failed',
      data: { paymentId: 'pay_2', amount: 100, currency: 'eur', failureReason: 'card declined' },
    });
    expect(event.data).toEqual({
      paymentId: 'pay_2',
      userId: null,
      customerId: null,
      amount: 100,
      currency: 'eur',
      courseId: null,
      amountRefunded: null,
      failureReason: 'card declined',
    });
  });

  it('maps course.enrolled, course.completed, module.completed and assessment.submitted', () => {
    expect(normalizeCommerce(fixture('generic/course.enrolled.json'))).toEqual({
      type: 'course.enrolled',
      data: { userId: 'user123', contextId: 'course-bio-101', orderId: 'order_5521' },
      occurredAt: Date.UTC(2024, 2, 14, 15, 10),
      sourceEventName: null,
      senderEventId: null,
    });
    expect(normalizeCommerce(fixture('generic/course.completed.json'))).toEqual({
      type: 'course.completed',
      data: { userId: 'user123', contextId: 'course-bio-101' },
      occurredAt: Date.UTC(2024, 4, 20, 19, 11, 26),
      sourceEventName: null,
      senderEventId: null,
    });
    expect(normalizeCommerce(fixture('generic/module.completed.json'))).toEqual({
      type: 'module.completed',
      data: { userId: 'user123', moduleId: 'module-3-cells', contextId: 'course-bio-101' },
      occurredAt: Date.UTC(2024, 3, 2, 11, 45),
      sourceEventName: null,
      senderEventId: null,
    });
    expect(normalizeCommerce(fixture('generic/assessment.submitted.json'))).toEqual({
      type: 'assessment.submitted',
      data: {
        userId: 'user123',
        assessmentId: 'quiz-cells-1',
        contextId: 'course-bio-101',
        submissionId: 'sub-9931',
        score: 8,
        maxScore: 10,
        attempt: 1,
      },
      occurredAt: Date.UTC(2024, 3, 2, 11, 40),
      sourceEventName: null,
      senderEventId: null,
    });
  });

  it("prefers data.timestamp over the envelope's", () => {
    const payload = withValue(
      'generic/course.completed.json',
      '/data/timestamp',
      '2024-05-21T00:00:00+02:00',
    );
    expect(normalizeCommerce(payload).occurredAt).toBe(Date.UTC(2024, 4, 20, 22));
  });
});
