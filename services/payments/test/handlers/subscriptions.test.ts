import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { permutations } from '@inlet/test-harness';
import { PermanentError } from '@inlet/kafka-runtime';
import { useMigratedDatabase } from '@inlet/service-kit/testing';
import { payments } from '../../src/service.js';
import { eventApplier } from '../helpers/apply.js';
import { at, subscriptionEvent } from '../helpers/events.js';

// Subscription handlers against a real PostgreSQL transaction: the lifecycle, whatever the arrival order.
describe('subscription handlers', () => {
  const store = useMigratedDatabase(payments, eventApplier);
  const apply = store.apply;

  const newSubscription = () => `sub_${randomUUID()}`;
  const subscription = async (subscriptionId: string) => {
    const { rows } = await store.db.pool.query(
      `SELECT user_id, customer_id, plan_id, course_id, provider_status, current_period_end, status, started_at,
              cancelled_at, access_until, first_event_at, last_event_at, events
         FROM payments.subscriptions WHERE subscription_id = $1`,
      [subscriptionId],
    );
    return rows[0] as Record<string, unknown> | undefined;
  };
  const grant = async (subscriptionId: string) => {
    const { rows } = await store.db.pool.query(
      `SELECT user_id, course_id, granted_at, valid_until, ended_by FROM payments.entitlement_grants
        WHERE source_kind = 'subscription' AND source_id = $1`,
      [subscriptionId],
    );
    return rows[0] as Record<string, unknown> | undefined;
  };

  it('subscription.created makes it active, granting its user every course when it names none', async () => {
    const subscriptionId = newSubscription();
    await apply(
      subscriptionEvent(
        'subscription.created',
        { subscriptionId, userId: 'user123', currentPeriodEnd: at(3600) },
        { occurredAt: at(10) },
      ),
    );
    expect(await subscription(subscriptionId)).toEqual({
      user_id: 'user123',
      customer_id: 'cus_1',
      plan_id: 'all-access-monthly',
      course_id: null,
      provider_status: 'active',
      current_period_end: new Date(at(3600)),
      status: 'active',
      started_at: new Date(at(10)),
      cancelled_at: null,
      access_until: null,
      first_event_at: new Date(at(10)),
      last_event_at: new Date(at(10)),
      events: 1,
    });
    expect(await grant(subscriptionId)).toEqual({
      user_id: 'user123',
      course_id: null,
      granted_at: new Date(at(10)),
      valid_until: null,
      ended_by: null,
    });
  });

  it('subscription.cancelled ends access at the cancellation when its period end is not later', async () => {
    const subscriptionId = newSubscription();
    await apply(
      subscriptionEvent('subscription.created', { subscriptionId, userId: 'u-1' }, { occurredAt: at(10) }),
      // Stripe's fixture: canceled 5 s after the period ended.
      subscriptionEvent(
        'subscription.cancelled',
        { subscriptionId, currentPeriodEnd: at(95) },
        { occurredAt: at(100) },
      ),
    );
    expect(await subscription(subscriptionId)).toMatchObject({
      status: 'cancelled',
      provider_status: 'canceled',
      cancelled_at: new Date(at(100)),
      access_until: new Date(at(100)),
      // The cancellation named no user; the creation's is kept.
      user_id: 'u-1',
    });
    expect(await grant(subscriptionId)).toMatchObject({
      valid_until: new Date(at(100)),
      ended_by: 'cancellation',
    });
  });

  it('a cancellation with a later period end keeps access until the end of the period paid for', async () => {
    const subscriptionId = newSubscription();
    await apply(
      subscriptionEvent(
        'subscription.cancelled',
        { subscriptionId, userId: 'u-1', currentPeriodEnd: at(5000) },
        { occurredAt: at(100) },
      ),
    );
    expect(await subscription(subscriptionId)).toMatchObject({
      status: 'cancelled',
      cancelled_at: new Date(at(100)),
      access_until: new Date(at(5000)),
    });
    expect(await grant(subscriptionId)).toMatchObject({ valid_until: new Date(at(5000)) });
  });

  it('a cancellation without a period end ends access at once', async () => {
    const subscriptionId = newSubscription();
    await apply(
      subscriptionEvent('subscription.created', {
        subscriptionId,
        userId: 'u-1',
        currentPeriodEnd: at(5000),
      }),
      subscriptionEvent('subscription.cancelled', { subscriptionId }, { occurredAt: at(100) }),
    );
    expect(await subscription(subscriptionId)).toMatchObject({
      access_until: new Date(at(100)),
      // The newest period end reported stays visible.
      current_period_end: new Date(at(5000)),
    });
  });

  it('a creation that arrives after the cancellation does not reactivate it; every order gives the same row', async () => {
    const events = (subscriptionId: string) => [
      subscriptionEvent(
        'subscription.created',
        { subscriptionId, userId: 'u-1', courseId: 'course-1', currentPeriodEnd: at(1000) },
        { eventId: `${subscriptionId}-e1`, occurredAt: at(10) },
      ),
      // A second report of the creation under another id (another webhook endpoint), later.
      subscriptionEvent(
        'subscription.created',
        { subscriptionId, userId: 'u-1', planId: 'plan-2' },
        { eventId: `${subscriptionId}-e2`, occurredAt: at(20) },
      ),
      subscriptionEvent(
        'subscription.cancelled',
        { subscriptionId, currentPeriodEnd: at(2000), planId: null },
        { eventId: `${subscriptionId}-e3`, occurredAt: at(500) },
      ),
      subscriptionEvent(
        'subscription.cancelled',
        { subscriptionId, currentPeriodEnd: at(3000), planId: null },
        { eventId: `${subscriptionId}-e4`, occurredAt: at(600) },
      ),
    ];
    const outcomes = new Set<string>();
    for (const order of permutations([0, 1, 2, 3])) {
      const subscriptionId = newSubscription();
      const all = events(subscriptionId);
      await apply(...order.map((index) => all[index]!));
      outcomes.add(JSON.stringify([await subscription(subscriptionId), await grant(subscriptionId)]));
    }
    expect(outcomes.size).toBe(1);
    const [row, granted] = JSON.parse([...outcomes][0]!);
    expect(row).toMatchObject({
      status: 'cancelled',
      course_id: 'course-1',
      // The newest plan reported (a later event that leaves it out does not erase it).
      plan_id: 'plan-2',
      started_at: new Date(at(10)).toISOString(),
      // The earliest cancellation decides: its time and its own period end.
      cancelled_at: new Date(at(500)).toISOString(),
      access_until: new Date(at(2000)).toISOString(),
      current_period_end: new Date(at(3000)).toISOString(),
      events: 4,
    });
    expect(granted).toMatchObject({ course_id: 'course-1', valid_until: new Date(at(2000)).toISOString() });
  });

  it('a subscription that names no user is kept, and grants nothing until an event names one', async () => {
    const subscriptionId = newSubscription();
    await apply(subscriptionEvent('subscription.created', { subscriptionId }, { occurredAt: at(10) }));
    expect(await subscription(subscriptionId)).toMatchObject({ status: 'active', user_id: null });
    expect(await grant(subscriptionId)).toBeUndefined();

    await apply(
      subscriptionEvent('subscription.created', { subscriptionId, userId: 'u-late' }, { occurredAt: at(11) }),
    );
    expect(await grant(subscriptionId)).toMatchObject({ user_id: 'u-late', granted_at: new Date(at(10)) });
  });

  it('a period end that is not a time is refused as permanent and writes nothing', async () => {
    const subscriptionId = newSubscription();
    const failure = apply(
      subscriptionEvent('subscription.created', { subscriptionId, currentPeriodEnd: -1 }),
    );
    await expect(failure).rejects.toBeInstanceOf(PermanentError);
    await expect(failure).rejects.toMatchObject({ code: 'INLET_SUBSCRIPTION_EVENT_INVALID' });
    expect(await subscription(subscriptionId)).toBeUndefined();
  });
});
