import { randomUUID } from 'node:crypto';
import { useReadApi } from '@inlet/service-kit/testing';
import { payments } from '../../src/service.js';
import { eventApplier } from './apply.js';
import { at, paymentEvent, subscriptionEvent } from './events.js';

/**
 * One learner's payments for the read API tests, applied by the real handlers to a database of the test file's
 * own, and the read API over it (inject(), not listening). Call at the top of a describe: it registers its own
 * beforeAll and afterAll.
 *
 * bio: captured (Stripe reports it twice), then refunded 10.00; chem: captured in EUR; declined: failed;
 * an all-access subscription; and a payment of someone else that must never show.
 */
export function useReadApiFixture() {
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

  const api = useReadApi(payments, async (db) => {
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

  return {
    userId,
    bio,
    chem,
    declined,
    subscriptionId,
    bioCapture,
    get: api.get,
  };
}
