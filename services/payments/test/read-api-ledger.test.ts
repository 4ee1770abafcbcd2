import { describe, expect, it } from 'vitest';
import { readAllPages } from '@inlet/service-kit/testing';
import { useReadApiFixture } from './helpers/read-api-fixture.js';
import { at } from './helpers/events.js';

// The read API via inject() against the real database, filled by the real handlers.
describe('GET /users/:userId/ledger', () => {
  const { userId, bio, bioCapture, get } = useReadApiFixture();
  const kindsOf = (body: { items: { paymentId: string; kind: string }[] }) =>
    body.items.map((entry) => `${entry.paymentId.split('_')[1]}:${entry.kind}`);

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
    const { pages, items } = await readAllPages<{ paymentId: string; kind: string }>(
      get,
      `/users/${userId}/ledger?limit=2`,
    );
    expect(pages).toBe(3);
    expect(kindsOf({ items })).toEqual(kindsOf((await get(`/users/${userId}/ledger`)).json()));
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
