import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PermanentError } from '@inlet/kafka-runtime';
import { useMigratedDatabase } from '@inlet/service-kit/testing';
import { payments } from '../../src/service.js';
import { eventApplier } from '../helpers/apply.js';
import { paymentEvent } from '../helpers/events.js';
import { paymentRows } from '../helpers/payment-rows.js';

// Payment events no retry can fix: refused as permanent (the runtime dead-letters them), and nothing is written.
describe('payment handlers: events refused as permanent', () => {
  const store = useMigratedDatabase(payments, eventApplier);
  const apply = store.apply;

  const newPayment = () => `pi_${randomUUID()}`;
  const { ledger, payment } = paymentRows(() => store.db.pool);

  it.each([
    ['an amount that is not an integer', { amount: 49.5 }, /data\.amount is 49\.5/],
    ['a negative amount', { amount: -100 }, /data\.amount is -100/],
    ['an unsafe integer amount', { amount: 2 ** 60 }, /data\.amount/],
    ['a currency that is not a code', { currency: 'dollars' }, /'dollars', not an ISO 4217/],
    ['a three-letter currency that ISO 4217 does not have', { currency: 'zzq' }, /'zzq', not an ISO 4217/],
    [
      'a currency with odd characters, not echoed',
      { currency: 'u$d<script>' },
      /is a value, not an ISO 4217/,
    ],
  ])('%s is refused as permanent and writes nothing', async (_case, data, message) => {
    const paymentId = newPayment();
    const invalid = paymentEvent('payment.success', { paymentId, ...data });
    const failure = apply(invalid);
    await expect(failure).rejects.toBeInstanceOf(PermanentError);
    await expect(failure).rejects.toMatchObject({
      retryable: false,
      code: 'INLET_PAYMENT_EVENT_INVALID',
      message,
    });
    expect(await ledger(paymentId)).toEqual([]);
    expect(await payment(paymentId)).toBeUndefined();
  });

  it('a refund without its cumulative total, or with more refunded than paid, is permanent', async () => {
    const paymentId = newPayment();
    for (const amountRefunded of [null, 5000]) {
      await expect(
        apply(paymentEvent('payment.refunded', { paymentId, amountRefunded })),
      ).rejects.toMatchObject({ code: 'INLET_PAYMENT_EVENT_INVALID' });
    }
    expect(await ledger(paymentId)).toEqual([]);
  });

  it('an event in another currency than the payment is recorded in is permanent and writes nothing', async () => {
    const paymentId = newPayment();
    await apply(paymentEvent('payment.success', { paymentId }));
    const failure = apply(
      paymentEvent('payment.refunded', { paymentId, currency: 'eur', amountRefunded: 100 }),
    );
    await expect(failure).rejects.toBeInstanceOf(PermanentError);
    await expect(failure).rejects.toMatchObject({ code: 'INLET_PAYMENT_CURRENCY_MISMATCH' });
    expect(await ledger(paymentId)).toHaveLength(1);
  });
});
