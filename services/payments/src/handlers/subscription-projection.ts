import { excludedAssignments, type Queryable } from '@inlet/service-kit';
import { upsertGrant } from './entitlement-grant.js';
import { newestNonNull } from './newest.js';

// What the events decide of a subscription besides its key (subscription_id): the columns the INSERT and the
// UPDATE write.
const subscriptionColumns = `user_id, customer_id, plan_id, course_id, provider_status, current_period_end, status,
  started_at, cancelled_at, access_until, first_event_at, last_event_at, events`;

/**
 * Recomputes payments.subscriptions for each subscription in $1 from ALL its events, so any arrival order of
 * the same events gives the same row (and recomputing it once after a run of events equals doing so after each):
 * - status is cancelled once any cancellation is known (created → active, cancelled → cancelled; a created
 *   that arrives after the cancellation does not bring it back: Stripe never reactivates a cancelled id);
 * - the cancellation is the earliest one reported (by occurredAt, then eventId), and access ends at the later
 *   of its time and its own currentPeriodEnd (the period already paid for);
 * - started_at is the earliest subscription.created, else the earliest event of any type;
 * - ids, plan, course, provider status and period end are each the newest non-null value reported.
 */
const refreshSubscriptionRow = `
WITH facts AS (
  SELECT
    subscription_id,
    count(*)::int AS events,
    min(occurred_at) AS first_event_at,
    max(occurred_at) AS last_event_at,
    coalesce(min(occurred_at) FILTER (WHERE event_type = 'subscription.created'), min(occurred_at)) AS started_at,
    ${newestNonNull('user_id')} AS user_id,
    ${newestNonNull('customer_id')} AS customer_id,
    ${newestNonNull('plan_id')} AS plan_id,
    ${newestNonNull('course_id')} AS course_id,
    ${newestNonNull('provider_status')} AS provider_status,
    ${newestNonNull('current_period_end')} AS current_period_end
  FROM payments.subscription_events
  WHERE subscription_id = ANY($1::text[])
  GROUP BY subscription_id
), cancellation AS (
  SELECT DISTINCT ON (subscription_id) subscription_id, occurred_at, current_period_end
    FROM payments.subscription_events
   WHERE subscription_id = ANY($1::text[]) AND event_type = 'subscription.cancelled'
   ORDER BY subscription_id, occurred_at, event_id
)
INSERT INTO payments.subscriptions AS stored (subscription_id, ${subscriptionColumns})
SELECT facts.subscription_id, facts.user_id, facts.customer_id, facts.plan_id, facts.course_id, facts.provider_status,
       facts.current_period_end,
       CASE WHEN cancellation.occurred_at IS NULL THEN 'active' ELSE 'cancelled' END,
       facts.started_at,
       cancellation.occurred_at,
       -- greatest() skips nulls: a cancellation without a period end ends access at once.
       greatest(cancellation.occurred_at, cancellation.current_period_end),
       facts.first_event_at, facts.last_event_at, facts.events
  FROM facts LEFT JOIN cancellation USING (subscription_id)
ON CONFLICT (subscription_id) DO UPDATE SET
  ${excludedAssignments(subscriptionColumns)},
  updated_at = now()`;

/**
 * The subscription's grant: its course, or every course when it names none (an all-access plan), from its
 * start until its access ends. An active subscription's grant has no end: renewals are not among the mapped
 * events, so its currentPeriodEnd cannot be trusted to move and is not used to end access.
 */
const refreshSubscriptionGrant = upsertGrant(`
SELECT 'subscription', subscription_id, user_id, course_id, started_at, access_until,
       CASE WHEN access_until IS NOT NULL THEN 'cancellation' END
  FROM payments.subscriptions
 WHERE subscription_id = ANY($1::text[]) AND user_id IS NOT NULL`);

/** Recomputes the subscriptions' rows and grants: two statements, whatever the number of subscriptions. */
export async function refreshSubscriptions(tx: Queryable, subscriptionIds: readonly string[]): Promise<void> {
  await tx.query(refreshSubscriptionRow, [subscriptionIds]);
  await tx.query(refreshSubscriptionGrant, [subscriptionIds]);
}
