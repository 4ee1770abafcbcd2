import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type ConsumerHealth } from '../src/app.js';
import type { Queryable } from '../src/db.js';
import { createMetrics } from '../src/metrics.js';
import { eventApplier } from './helpers/apply.js';
import { createMigratedDatabase, type MigratedDatabase } from './helpers/database.js';
import { at, paymentEvent, subscriptionEvent } from './helpers/events.js';

// The read API via inject() against the real database, filled by the real handlers.
describe('read API', () => {
  let db: MigratedDatabase;
  let app: FastifyInstance;
  let consumer: ConsumerHealth = { running: true };
  const userId = `user-${randomUUID()}`;
  const [bio, chem, declined] = ['pi_bio', 'pi_chem', 'pi_declined'].map((id) => `${id}_${randomUUID()}`) as [
    string,
    string,
    string,
  ];
  const subscriptionId = `sub_${randomUUID()}`;
  const bioCapture = paymentEvent(
    'payment.success',
    { paymentId: bio, userId, courseId: 'bio' },
    { occurredAt: at(10), sourceEventName: 'payment_intent.succeeded' },
  );

  beforeAll(async () => {
    db = await createMigratedDatabase();
    app = await buildApp({ pool: db.pool, consumerStatus: () => consumer, metrics: createMetrics() });
    const { apply } = eventApplier(db.pool);
    await apply(
      bioCapture,
      paymentEvent(
        'payment.success',
        { paymentId: bio, userId, courseId: 'bio' },
        { occurredAt: at(11), sourceEventName: 'charge.succeeded' },
      ),
      paymentEvent(
        'payment.refunded',
        { paymentId: bio, amountRefunded: 1000, courseId: null },
        { occurredAt: at(20), sourceEventName: 'charge.refunded' },
      ),
      paymentEvent(
        'payment.success',
        { paymentId: chem, userId, courseId: 'chem', amount: 12900, currency: 'eur' },
        { occurredAt: at(30) },
      ),
      paymentEvent(
        'payment.failed',
        { paymentId: declined, userId, courseId: 'math', failureReason: 'card_declined' },
        { occurredAt: at(40) },
      ),
      subscriptionEvent(
        'subscription.created',
        { subscriptionId, userId, currentPeriodEnd: at(3600) },
        { occurredAt: at(50), sourceEventName: 'customer.subscription.created' },
      ),
      paymentEvent('payment.success', { paymentId: `pi_${randomUUID()}`, userId: 'someone-else' }),
    );
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });
  const kindsOf = (body: { items: { paymentId: string; kind: string }[] }) =>
    body.items.map((entry) => `${entry.paymentId.split('_')[1]}:${entry.kind}`);

  describe('GET /users/:userId/ledger', () => {
    it("lists the user's ledger entries newest first, amounts as integers with their currency and running balance", async () => {
      const response = await get(`/users/${userId}/ledger`);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(kindsOf(body)).toEqual([
        'declined:failure',
        'chem:capture',
        'bio:refund',
        'bio:duplicate_capture',
        'bio:capture',
      ]);
      expect(body.items.map((entry: { amount: number }) => entry.amount)).toEqual([0, 12900, -1000, 0, 4900]);
      expect(body.items.map((entry: { balanceAfter: number }) => entry.balanceAfter)).toEqual([
        0, 12900, 3900, 4900, 4900,
      ]);
      expect(body.nextCursor).toBeNull();
      expect(body.items[4]).toEqual({
        entryId: expect.any(Number),
        paymentId: bio,
        eventId: bioCapture.eventId,
        eventType: 'payment.success',
        sourceEventName: 'payment_intent.succeeded',
        kind: 'capture',
        amount: 4900,
        currency: 'usd',
        balanceAfter: 4900,
        reportedAmount: 4900,
        reportedAmountRefunded: null,
        courseId: 'bio',
        failureReason: null,
        occurredAt: new Date(at(10)).toISOString(),
        recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      expect(body.items[2]).toMatchObject({ reportedAmountRefunded: 1000, courseId: null });
      expect(body.items[1]).toMatchObject({ currency: 'eur' });
    });

    it('pages with limit and the cursor it returns, without skipping or repeating', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response = await get(`/users/${userId}/ledger?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(response.statusCode).toBe(200);
        const body = response.json();
        seen.push(...kindsOf(body));
        cursor = body.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(kindsOf((await get(`/users/${userId}/ledger`)).json()));
    });

    it('paymentId narrows to one payment; a user never heard of has an empty ledger', async () => {
      expect(kindsOf((await get(`/users/${userId}/ledger?paymentId=${bio}`)).json())).toEqual([
        'bio:refund',
        'bio:duplicate_capture',
        'bio:capture',
      ]);
      expect((await get('/users/nobody/ledger')).json()).toEqual({ items: [], nextCursor: null });
    });

    it.each([
      ['limit over the maximum', `/users/u/ledger?limit=201`, '/querystring/limit'],
      ['limit zero', `/users/u/ledger?limit=0`, '/querystring/limit'],
      ['limit not a number', `/users/u/ledger?limit=ten`, '/querystring/limit'],
    ])('400 problem+json for a bad query: %s', async (_case, url, field) => {
      const response = await get(url);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ status: 400, code: 'INLET_REQUEST_INVALID', field });
    });

    it('400 for a cursor this API did not give out', async () => {
      for (const cursor of ['not-a-cursor', Buffer.from('[-1]').toString('base64url')]) {
        const response = await get(`/users/${userId}/ledger?cursor=${cursor}`);
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({ code: 'INLET_CURSOR_INVALID', field: '/querystring/cursor' });
      }
    });
  });

  describe('GET /users/:userId/entitlements', () => {
    it('the courses valid now with their sources; all courses first; failed payments unlock nothing', async () => {
      const response = await get(`/users/${userId}/entitlements`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        userId,
        items: [
          {
            courseId: null,
            allCourses: true,
            grantedAt: new Date(at(50)).toISOString(),
            validUntil: null,
            sources: [
              {
                kind: 'subscription',
                id: subscriptionId,
                grantedAt: new Date(at(50)).toISOString(),
                validUntil: null,
              },
            ],
          },
          {
            courseId: 'bio',
            allCourses: false,
            grantedAt: new Date(at(10)).toISOString(),
            validUntil: null,
            sources: [
              { kind: 'payment', id: bio, grantedAt: new Date(at(10)).toISOString(), validUntil: null },
            ],
          },
          {
            courseId: 'chem',
            allCourses: false,
            grantedAt: new Date(at(30)).toISOString(),
            validUntil: null,
            sources: [
              { kind: 'payment', id: chem, grantedAt: new Date(at(30)).toISOString(), validUntil: null },
            ],
          },
        ],
        nextCursor: null,
      });
    });

    it('pages by course; a user never heard of has none', async () => {
      const first = (await get(`/users/${userId}/entitlements?limit=2`)).json();
      expect(first.items.map((item: { courseId: string | null }) => item.courseId)).toEqual([null, 'bio']);
      const second = (await get(`/users/${userId}/entitlements?limit=2&cursor=${first.nextCursor}`)).json();
      expect(second).toMatchObject({ items: [{ courseId: 'chem' }], nextCursor: null });
      expect((await get('/users/nobody/entitlements')).json()).toEqual({
        userId: 'nobody',
        items: [],
        nextCursor: null,
      });
    });
  });

  describe('GET /payments/:paymentId and /subscriptions/:subscriptionId', () => {
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
      expect(payment.statusCode).toBe(404);
      expect(payment.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(payment.json()).toEqual({
        type: 'https://inlet.dev/problems/inlet-payment-not-found',
        title: 'Not Found',
        status: 404,
        detail: 'no event has named this payment',
        code: 'INLET_PAYMENT_NOT_FOUND',
        instance: '/payments/pi_never',
      });
      expect((await get('/subscriptions/sub_never')).json()).toMatchObject({
        status: 404,
        code: 'INLET_SUBSCRIPTION_NOT_FOUND',
      });
    });
  });

  describe('operations', () => {
    it('live always; ready while the consumer runs and the database answers', async () => {
      expect((await get('/health/live')).json()).toEqual({ status: 'ok' });
      consumer = { running: true };
      expect((await get('/health/ready')).json()).toEqual({
        status: 'ready',
        checks: { consumer: 'ok', database: 'ok' },
      });
    });

    it('503 with the reason while the consumer is not running', async () => {
      consumer = { running: false, lastError: 'topic inlet.payments.v1 does not exist' };
      try {
        const response = await get('/health/ready');
        expect(response.statusCode).toBe(503);
        expect(response.json()).toEqual({
          status: 'not ready',
          checks: { consumer: 'failing', database: 'ok' },
          reasons: ['consumer: topic inlet.payments.v1 does not exist'],
        });
      } finally {
        consumer = { running: true };
      }
    });

    it('503 while the database does not answer; reads fail with a 500 that says nothing about it', async () => {
      const broken: Queryable = {
        query: async () => {
          throw new Error('connect ECONNREFUSED postgres://reader:s3cret@db:5432');
        },
      };
      const cut = await buildApp({
        pool: broken,
        consumerStatus: () => ({ running: true }),
        metrics: createMetrics(),
      });
      try {
        const ready = await cut.inject({ method: 'GET', url: '/health/ready' });
        expect(ready.statusCode).toBe(503);
        expect(ready.json()).toMatchObject({ checks: { database: 'failing', consumer: 'ok' } });

        const read = await cut.inject({ method: 'GET', url: '/users/u/ledger' });
        expect(read.statusCode).toBe(500);
        expect(read.json()).toMatchObject({
          code: 'INLET_INTERNAL',
          detail: 'an unexpected error occurred; it has been logged',
        });
        expect(read.body).not.toContain('s3cret');
      } finally {
        await cut.close();
      }
    });

    it('serves Prometheus metrics, and problem+json for unknown routes', async () => {
      const metrics = await get('/metrics');
      expect(metrics.statusCode).toBe(200);
      expect(metrics.body).toContain('inlet_payments_http_request_duration_seconds_bucket');
      expect(metrics.body).toContain('inlet_payments_process_cpu_seconds_total');

      const unknown = await get('/nothing-here');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ code: 'INLET_ROUTE_NOT_FOUND' });
    });
  });
});
