import { selectList, type Queryable } from '@inlet/service-kit';
import type { Subscription } from '../routes/schemas.js';

const subscriptionColumns = selectList<Subscription>({
  subscriptionId: 'subscription_id',
  userId: 'user_id',
  customerId: 'customer_id',
  planId: 'plan_id',
  courseId: 'course_id',
  allCourses: 'course_id IS NULL',
  status: 'status',
  providerStatus: 'provider_status',
  startedAt: 'started_at',
  cancelledAt: 'cancelled_at',
  currentPeriodEnd: 'current_period_end',
  accessUntil: 'access_until',
  firstEventAt: 'first_event_at',
  lastEventAt: 'last_event_at',
  events: 'events',
});

export async function findSubscription(
  db: Queryable,
  subscriptionId: string,
): Promise<Subscription | undefined> {
  const { rows } = await db.query<Subscription>(
    `SELECT ${subscriptionColumns} FROM payments.subscriptions WHERE subscription_id = $1`,
    [subscriptionId],
  );
  return rows[0];
}
