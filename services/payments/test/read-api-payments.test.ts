import { expectProblem } from '@inlet/service-kit/testing';
import { describe, expect, it } from 'vitest';
import { useReadApiFixture } from './helpers/read-api-fixture.js';
import { at } from './helpers/events.js';

// The read API via inject() against the real database, filled by the real handlers.
describe('GET /payments/:paymentId and /subscriptions/:subscriptionId', () => {
  const { userId, bio, declined, subscriptionId, get } = useReadApiFixture();

  it("answers a payment's status and money, summed from its ledger entries", async () => {
    const response = await get(`/payments/${bio}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      paymentId: bio,
      userId,
      customerId: 'cus_1',
      courseId: 'bio',
      status: 'partially_refunded',
      currency: 'usd',
      amount: 4900,
      captured: 4900,
      refunded: 1000,
      balance: 3900,
      failureReason: null,
      capturedAt: new Date(at(10)).toISOString(),
      refundedAt: null,
      firstEventAt: new Date(at(10)).toISOString(),
      lastEventAt: new Date(at(20)).toISOString(),
      entries: 3,
    });
    expect((await get(`/payments/${declined}`)).json()).toMatchObject({
      status: 'failed',
      balance: 0,
      failureReason: 'card_declined',
    });
  });

  it('answers a subscription and its lifecycle', async () => {
    const response = await get(`/subscriptions/${subscriptionId}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      subscriptionId,
      userId,
      customerId: 'cus_1',
      planId: 'all-access-monthly',
      courseId: null,
      allCourses: true,
      status: 'active',
      providerStatus: 'active',
      startedAt: new Date(at(50)).toISOString(),
      cancelledAt: null,
      currentPeriodEnd: new Date(at(3600)).toISOString(),
      accessUntil: null,
      firstEventAt: new Date(at(50)).toISOString(),
      lastEventAt: new Date(at(50)).toISOString(),
      events: 1,
    });
  });

  it('404 problem+json for a payment or subscription no event named', async () => {
    const payment = await get('/payments/pi_never');
    expectProblem(payment, {
      status: 404,
      code: 'INLET_PAYMENT_NOT_FOUND',
      detail: 'no event has named this payment',
      instance: '/payments/pi_never',
    });
    expect((await get('/subscriptions/sub_never')).json()).toMatchObject({
      status: 404,
      code: 'INLET_SUBSCRIPTION_NOT_FOUND',
    });
  });
});
