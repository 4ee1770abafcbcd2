import type { InletEvent, PaymentChange, SubscriptionChange } from '@inlet/schemas';
import { secondsAfter, testEnvelope, type EnvelopeOverrides } from '@inlet/service-kit/testing';

// Well in the past: a grant that ended "at 40" must have ended by the time the test reads it, whatever the
// clock of the machine running the tests says (entitlements are valid until a time compared with now()).
/** An epoch-ms time `seconds` after a fixed past instant, so tests read as "at 10", "at 20". */
export const at = secondsAfter('2024-03-14T12:00:00.000Z');

export type { EnvelopeOverrides };

const envelope = testEnvelope({ source: 'test-stripe', occurredAt: at(0) });

export type PaymentType = 'payment.success' | 'payment.failed' | 'payment.refunded';

/** A payment event of 49.00 USD for course-bio-101, unless the data says otherwise. */
export function paymentEvent<T extends PaymentType>(
  type: T,
  data: Partial<PaymentChange> & Pick<PaymentChange, 'paymentId'>,
  overrides: EnvelopeOverrides = {},
): InletEvent<T> {
  return envelope(
    type,
    {
      userId: null,
      customerId: 'cus_1',
      amount: 4900,
      currency: 'usd',
      courseId: 'course-bio-101',
      amountRefunded: null,
      failureReason: null,
      ...data,
    },
    overrides,
  );
}

export function subscriptionEvent<T extends 'subscription.created' | 'subscription.cancelled'>(
  type: T,
  data: Partial<SubscriptionChange> & Pick<SubscriptionChange, 'subscriptionId'>,
  overrides: EnvelopeOverrides = {},
): InletEvent<T> {
  return envelope(
    type,
    {
      userId: null,
      customerId: 'cus_1',
      planId: 'all-access-monthly',
      status: type === 'subscription.created' ? 'active' : 'canceled',
      courseId: null,
      currentPeriodEnd: null,
      ...data,
    },
    overrides,
  );
}
