import type { Queryable } from '@inlet/service-kit';
import type { Subscription } from '../routes/schemas.js';

interface SubscriptionRow {
  subscription_id: string;
  user_id: string | null;
  customer_id: string | null;
  plan_id: string | null;
  course_id: string | null;
  status: Subscription['status'];
  provider_status: string | null;
  started_at: Date;
  cancelled_at: Date | null;
  current_period_end: Date | null;
  access_until: Date | null;
  first_event_at: Date;
  last_event_at: Date;
  events: number;
}

export async function findSubscription(
  db: Queryable,
  subscriptionId: string,
): Promise<Subscription | undefined> {
  const { rows } = await db.query<SubscriptionRow>(
    `SELECT subscription_id, user_id, customer_id, plan_id, course_id, status, provider_status, started_at,
            cancelled_at, current_period_end, access_until, first_event_at, last_event_at, events
       FROM payments.subscriptions WHERE subscription_id = $1`,
    [subscriptionId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    subscriptionId: row.subscription_id,
    userId: row.user_id,
    customerId: row.customer_id,
    planId: row.plan_id,
    courseId: row.course_id,
    allCourses: row.course_id === null,
    status: row.status,
    providerStatus: row.provider_status,
    startedAt: row.started_at.toISOString(),
    cancelledAt: row.cancelled_at?.toISOString() ?? null,
    currentPeriodEnd: row.current_period_end?.toISOString() ?? null,
    accessUntil: row.access_until?.toISOString() ?? null,
    firstEventAt: row.first_event_at.toISOString(),
    lastEventAt: row.last_event_at.toISOString(),
    events: row.events,
  };
}
