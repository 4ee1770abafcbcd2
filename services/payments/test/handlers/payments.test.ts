import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { itHandlesEveryEventTypeOf, useMigratedDatabase } from '@inlet/service-kit/testing';
import { waitFor, permutations } from '@inlet/test-harness';
import { paymentsBatchHandler } from '../../src/handlers/event-batch.js';
import { createHandlers } from '../../src/handlers/index.js';
import { payments } from '../../src/service.js';
import { eventApplier } from '../helpers/apply.js';
import { at, paymentEvent } from '../helpers/events.js';
import { paymentRows } from '../helpers/payment-rows.js';

// Payment handlers against a real PostgreSQL transaction, applied the way the consumer runtime applies them.
describe('payment handlers: the ledger and the payment it adds up to', () => {
  const store = useMigratedDatabase(payments, eventApplier);
  const apply = store.apply;

  const newPayment = () => `pi_${randomUUID()}`;

  const { ledger, payment, ledgerBalance } = paymentRows(() => store.db.pool);

  itHandlesEveryEventTypeOf('payments', () => createHandlers());

  it('one batch handler object serves every type: the runtime applies a slice of the topic as one run', () => {
    const handlers = createHandlers();
    expect(new Set(Object.values(handlers)).size).toBe(1);
    expect(handlers['payment.success']).toHaveProperty('applyMany', expect.any(Function));
  });

  it("Stripe's three success events of ONE payment capture its money once; the others are duplicates", async () => {
    const paymentId = newPayment();
    const [intent, charge, checkout] = [
      paymentEvent(
        'payment.success',
        { paymentId, userId: 'user_8f2c41' },
        { occurredAt: at(10), sourceEventName: 'payment_intent.succeeded' },
      ),
      paymentEvent(
        'payment.success',
        { paymentId, userId: 'user_8f2c41' },
        { occurredAt: at(9), sourceEventName: 'charge.succeeded' },
      ),
      paymentEvent(
        'payment.success',
        { paymentId, userId: 'user_8f2c41', customerId: null },
        { occurredAt: at(11), sourceEventName: 'checkout.session.completed' },
      ),
    ];
    await apply(intent, charge, checkout);

    expect(await ledger(paymentId)).toEqual([
      { kind: 'capture', amount: 4900, event_id: intent.eventId },
      { kind: 'duplicate_capture', amount: 0, event_id: charge.eventId },
      { kind: 'duplicate_capture', amount: 0, event_id: checkout.eventId },
    ]);
    expect(await payment(paymentId)).toMatchObject({
      user_id: 'user_8f2c41',
      customer_id: 'cus_1',
      course_id: 'course-bio-101',
      currency: 'usd',
      amount: 4900,
      captured: 4900,
      refunded: 0,
      balance: 4900,
      status: 'succeeded',
      // The earliest report of the success, whichever arrived first.
      captured_at: new Date(at(9)),
      entries: 3,
    });
    expect(store.applier.entries.slice(-3)).toEqual(['capture', 'duplicate_capture', 'duplicate_capture']);
  });

  it('partial refunds record the delta of the cumulative total; a late smaller total is a duplicate; a full refund ends at 0', async () => {
    const paymentId = newPayment();
    await apply(
      paymentEvent('payment.success', { paymentId }, { occurredAt: at(10) }),
      paymentEvent('payment.refunded', { paymentId, amountRefunded: 1000 }, { occurredAt: at(20) }),
      paymentEvent('payment.refunded', { paymentId, amountRefunded: 2500 }, { occurredAt: at(30) }),
    );
    expect((await ledger(paymentId)).map(({ kind, amount }) => [kind, amount])).toEqual([
      ['capture', 4900],
      ['refund', -1000],
      ['refund', -1500],
    ]);
    expect(await payment(paymentId)).toMatchObject({
      captured: 4900,
      refunded: 2500,
      balance: 2400,
      status: 'partially_refunded',
      refunded_at: null,
    });

    // A retry of the first refund report arrives late: nothing moves.
    await apply(
      paymentEvent('payment.refunded', { paymentId, amountRefunded: 1000 }, { occurredAt: at(20) }),
    );
    expect((await ledger(paymentId)).at(-1)).toMatchObject({ kind: 'duplicate_refund', amount: 0 });
    expect(await payment(paymentId)).toMatchObject({ refunded: 2500, balance: 2400 });

    await apply(
      paymentEvent('payment.refunded', { paymentId, amountRefunded: 4900 }, { occurredAt: at(40) }),
    );
    expect((await ledger(paymentId)).at(-1)).toMatchObject({ kind: 'refund', amount: -2400 });
    expect(await payment(paymentId)).toMatchObject({
      refunded: 4900,
      balance: 0,
      status: 'refunded',
      refunded_at: new Date(at(40)),
    });
    expect(await ledgerBalance(paymentId)).toBe(0);
  });

  it('a refund that arrives before its payment is recorded at once; the capture follows when it comes', async () => {
    const paymentId = newPayment();
    await apply(
      paymentEvent('payment.refunded', { paymentId, amountRefunded: 2450 }, { occurredAt: at(20) }),
    );
    expect(await payment(paymentId)).toMatchObject({
      status: 'awaiting_capture',
      captured: 0,
      refunded: 2450,
      balance: -2450,
      captured_at: null,
    });

    await apply(paymentEvent('payment.success', { paymentId }, { occurredAt: at(10) }));
    expect((await ledger(paymentId)).map(({ kind, amount }) => [kind, amount])).toEqual([
      ['refund', -2450],
      ['capture', 4900],
    ]);
    expect(await payment(paymentId)).toMatchObject({
      status: 'partially_refunded',
      captured: 4900,
      refunded: 2450,
      balance: 2450,
      captured_at: new Date(at(10)),
    });
  });

  it('a full refund that arrived first still makes the payment refunded once it is captured', async () => {
    const paymentId = newPayment();
    await apply(
      paymentEvent('payment.refunded', { paymentId, amountRefunded: 4900 }, { occurredAt: at(20) }),
      paymentEvent('payment.success', { paymentId }, { occurredAt: at(10) }),
    );
    expect(await payment(paymentId)).toMatchObject({
      status: 'refunded',
      balance: 0,
      refunded_at: new Date(at(20)),
    });
  });

  it('every arrival order of the same events ends in the same payment and the same money', async () => {
    const events = (paymentId: string) => [
      paymentEvent(
        'payment.success',
        { paymentId, userId: 'u-1' },
        { eventId: `${paymentId}-e1`, occurredAt: at(10) },
      ),
      paymentEvent(
        'payment.success',
        { paymentId, userId: 'u-1', courseId: null },
        { eventId: `${paymentId}-e2`, occurredAt: at(11) },
      ),
      paymentEvent(
        'payment.refunded',
        { paymentId, amountRefunded: 1000, courseId: null },
        { eventId: `${paymentId}-e3`, occurredAt: at(20) },
      ),
      paymentEvent(
        'payment.refunded',
        { paymentId, amountRefunded: 3000, userId: 'u-1' },
        { eventId: `${paymentId}-e4`, occurredAt: at(30) },
      ),
    ];
    const outcomes = new Set<string>();
    for (const order of permutations([0, 1, 2, 3])) {
      const paymentId = newPayment();
      const all = events(paymentId);
      await apply(...order.map((index) => all[index]!));
      outcomes.add(JSON.stringify(await payment(paymentId)));
      expect(await ledgerBalance(paymentId)).toBe(1900);
    }
    // 24 orders, one outcome.
    expect(outcomes.size).toBe(1);
    expect(JSON.parse([...outcomes][0]!)).toMatchObject({
      user_id: 'u-1',
      course_id: 'course-bio-101',
      captured: 4900,
      refunded: 3000,
      balance: 1900,
      status: 'partially_refunded',
      entries: 4,
    });
  });

  it('a failure moves no money; a failed payment that then succeeds is succeeded, and a late failure does not undo it', async () => {
    const declinedFirst = newPayment();
    await apply(
      paymentEvent(
        'payment.failed',
        { paymentId: declinedFirst, failureReason: 'Your card has insufficient funds.' },
        { occurredAt: at(10) },
      ),
    );
    expect(await payment(declinedFirst)).toMatchObject({
      status: 'failed',
      captured: 0,
      balance: 0,
      failure_reason: 'Your card has insufficient funds.',
    });
    await apply(paymentEvent('payment.success', { paymentId: declinedFirst }, { occurredAt: at(20) }));
    expect(await payment(declinedFirst)).toMatchObject({ status: 'succeeded', balance: 4900 });

    const lateFailure = newPayment();
    await apply(
      paymentEvent('payment.success', { paymentId: lateFailure }, { occurredAt: at(20) }),
      paymentEvent('payment.failed', { paymentId: lateFailure }, { occurredAt: at(10) }),
    );
    expect((await ledger(lateFailure)).map(({ kind, amount }) => [kind, amount])).toEqual([
      ['capture', 4900],
      ['failure', 0],
    ]);
    expect(await payment(lateFailure)).toMatchObject({ status: 'succeeded', balance: 4900 });
  });

  it('a free checkout (amount 0) is a succeeded payment', async () => {
    const paymentId = newPayment();
    await apply(paymentEvent('payment.success', { paymentId, amount: 0 }));
    expect(await payment(paymentId)).toMatchObject({ status: 'succeeded', captured: 0, balance: 0 });
  });

  it('stores currency codes in lower case, whatever case the event used', async () => {
    const paymentId = newPayment();
    await apply(paymentEvent('payment.success', { paymentId, currency: 'EUR', amount: 12900 }));
    expect(await payment(paymentId)).toMatchObject({ currency: 'eur', captured: 12900 });
  });

  it('two success events of one payment applied concurrently capture once: the second waits for the first', async () => {
    const paymentId = newPayment();
    const handler = paymentsBatchHandler(() => undefined);
    const log = { debug: () => undefined, info: () => undefined };
    const [first, second] = [await store.db.pool.connect(), await store.db.pool.connect()];
    try {
      await first.query('BEGIN');
      await second.query('BEGIN');
      await handler.applyMany([paymentEvent('payment.success', { paymentId })], { tx: first, log });
      const pid = (await second.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const secondApplied = handler.applyMany([paymentEvent('payment.success', { paymentId })], {
        tx: second,
        log,
      });
      await waitFor(
        async () =>
          (
            await store.db.pool.query(
              `SELECT 1 FROM pg_locks WHERE pid = $1 AND locktype = 'advisory' AND NOT granted`,
              [pid],
            )
          ).rowCount === 1,
        { what: 'the second transaction to wait for the payment lock' },
      );
      await first.query('COMMIT');
      await secondApplied;
      await second.query('COMMIT');
    } finally {
      first.release();
      second.release();
    }
    expect((await ledger(paymentId)).map(({ kind }) => kind)).toEqual(['capture', 'duplicate_capture']);
    expect(await payment(paymentId)).toMatchObject({ captured: 4900, balance: 4900 });
  });
});
