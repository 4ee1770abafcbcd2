import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useMigratedDatabase } from '@inlet/service-kit/testing';
import { listEntitlements } from '../../src/queries/entitlements.js';
import { payments } from '../../src/service.js';
import { eventApplier } from '../helpers/apply.js';
import { at, paymentEvent, subscriptionEvent } from '../helpers/events.js';

// What payments and subscriptions unlock, and exactly what a refund or a cancellation takes away.
describe('entitlements', () => {
  const store = useMigratedDatabase(payments, eventApplier);
  const { apply } = store;

  const newUser = () => `user-${randomUUID()}`;
  const id = (prefix: string) => `${prefix}_${randomUUID()}`;
  /** The user's entitlements now, as [course, [source kinds]]. */
  const unlocked = async (userId: string) =>
    (await listEntitlements(store.db.pool, userId, { limit: 50 })).items.map((item) => [
      item.allCourses ? '*' : item.courseId,
      item.sources.map((source) => source.kind),
    ]);

  it('a successful payment unlocks its course; a partial refund keeps it; a full refund revokes it', async () => {
    const [userId, paymentId] = [newUser(), id('pi')];
    await apply(
      paymentEvent('payment.success', { paymentId, userId, courseId: 'bio' }, { occurredAt: at(10) }),
    );
    expect(await unlocked(userId)).toEqual([['bio', ['payment']]]);

    // Refund events need not repeat the course (a later event that leaves it out does not erase it).
    await apply(
      paymentEvent(
        'payment.refunded',
        { paymentId, amountRefunded: 4899, courseId: null },
        { occurredAt: at(20) },
      ),
    );
    expect(await unlocked(userId)).toEqual([['bio', ['payment']]]);

    await apply(
      paymentEvent(
        'payment.refunded',
        { paymentId, amountRefunded: 4900, courseId: null },
        { occurredAt: at(30) },
      ),
    );
    expect(await unlocked(userId)).toEqual([]);
  });

  it('a course granted by a payment and a subscription survives the revocation of either one', async () => {
    const [userId, paymentId, subscriptionId] = [newUser(), id('pi'), id('sub')];
    await apply(
      paymentEvent('payment.success', { paymentId, userId, courseId: 'bio' }, { occurredAt: at(10) }),
      subscriptionEvent(
        'subscription.created',
        { subscriptionId, userId, courseId: 'bio' },
        { occurredAt: at(20) },
      ),
    );
    const both = (await listEntitlements(store.db.pool, userId, { limit: 50 })).items;
    expect(both).toEqual([
      {
        courseId: 'bio',
        allCourses: false,
        grantedAt: new Date(at(10)),
        validUntil: null,
        sources: [
          { kind: 'payment', id: paymentId, grantedAt: new Date(at(10)), validUntil: null },
          {
            kind: 'subscription',
            id: subscriptionId,
            grantedAt: new Date(at(20)),
            validUntil: null,
          },
        ],
      },
    ]);

    await apply(
      paymentEvent(
        'payment.refunded',
        { paymentId, amountRefunded: 4900, courseId: 'bio' },
        { occurredAt: at(30) },
      ),
    );
    expect(await unlocked(userId)).toEqual([['bio', ['subscription']]]);

    await apply(subscriptionEvent('subscription.cancelled', { subscriptionId }, { occurredAt: at(40) }));
    expect(await unlocked(userId)).toEqual([]);
  });

  it('the same holds the other way round: cancelling the subscription leaves the paid course', async () => {
    const [userId, paymentId, subscriptionId] = [newUser(), id('pi'), id('sub')];
    await apply(
      subscriptionEvent('subscription.created', { subscriptionId, userId, courseId: 'bio' }),
      paymentEvent('payment.success', { paymentId, userId, courseId: 'bio' }),
      subscriptionEvent('subscription.cancelled', { subscriptionId }, { occurredAt: at(40) }),
    );
    expect(await unlocked(userId)).toEqual([['bio', ['payment']]]);
  });

  it('a cancelled subscription keeps its courses until the paid period ends, then loses them without any job', async () => {
    const [userId, stillPaid, periodOver] = [newUser(), id('sub'), id('sub')];
    const inAnHour = Date.now() + 3_600_000;
    await apply(
      subscriptionEvent('subscription.created', { subscriptionId: stillPaid, userId, courseId: 'chem' }),
      subscriptionEvent(
        'subscription.cancelled',
        { subscriptionId: stillPaid, currentPeriodEnd: inAnHour },
        { occurredAt: Date.now() - 1000 },
      ),
      subscriptionEvent('subscription.created', { subscriptionId: periodOver, userId, courseId: 'math' }),
      subscriptionEvent(
        'subscription.cancelled',
        { subscriptionId: periodOver, currentPeriodEnd: Date.now() - 60_000 },
        { occurredAt: Date.now() - 120_000 },
      ),
    );
    const { items } = await listEntitlements(store.db.pool, userId, { limit: 50 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ courseId: 'chem', validUntil: new Date(inAnHour) });
  });

  it('an all-access subscription comes first, beside the courses paid one by one', async () => {
    const userId = newUser();
    await apply(
      paymentEvent('payment.success', { paymentId: id('pi'), userId, courseId: 'art' }),
      subscriptionEvent('subscription.created', { subscriptionId: id('sub'), userId, courseId: null }),
    );
    expect(await unlocked(userId)).toEqual([
      ['*', ['subscription']],
      ['art', ['payment']],
    ]);
  });

  it('grants nothing for a failed payment, a payment without a course, or one that names no user yet', async () => {
    const userId = newUser();
    const anonymous = id('pi');
    await apply(
      paymentEvent('payment.failed', { paymentId: id('pi'), userId, courseId: 'a' }),
      paymentEvent('payment.success', { paymentId: id('pi'), userId, courseId: null }),
      paymentEvent('payment.success', { paymentId: anonymous, courseId: 'c' }),
    );
    expect(await unlocked(userId)).toEqual([]);

    // The checkout of the same payment names the user (client_reference_id): the course is theirs.
    await apply(paymentEvent('payment.success', { paymentId: anonymous, userId, courseId: 'c' }));
    expect(await unlocked(userId)).toEqual([['c', ['payment']]]);
  });

  it('a full refund that arrives before its payment means the payment never unlocks anything', async () => {
    const [userId, paymentId] = [newUser(), id('pi')];
    await apply(
      paymentEvent('payment.refunded', { paymentId, userId, amountRefunded: 4900 }, { occurredAt: at(20) }),
      paymentEvent('payment.success', { paymentId, userId }, { occurredAt: at(10) }),
    );
    expect(await unlocked(userId)).toEqual([]);
  });

  it('pages by course with the cursor it returns', async () => {
    const userId = newUser();
    for (const courseId of ['c-1', 'c-2', 'c-3']) {
      await apply(paymentEvent('payment.success', { paymentId: id('pi'), userId, courseId }));
    }
    const first = await listEntitlements(store.db.pool, userId, { limit: 2 });
    expect(first.items.map((item) => item.courseId)).toEqual(['c-1', 'c-2']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await listEntitlements(store.db.pool, userId, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((item) => item.courseId)).toEqual(['c-3']);
    expect(second.nextCursor).toBeNull();
  });
});
