import type { InletEvent } from '@inlet/schemas';
import type { Queryable } from '@inlet/service-kit';
import { PermanentError } from '@inlet/kafka-runtime';
import { lockEntities } from './locks.js';
import { refreshSubscriptions } from './subscription-projection.js';
import type { SubscriptionEventType } from './types.js';

const insertEvents = `
INSERT INTO payments.subscription_events (
  event_id, subscription_id, event_type, source_event_name, user_id, customer_id, plan_id, provider_status,
  course_id, current_period_end, occurred_at
)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
  $8::text[], $9::text[], $10::timestamptz[], $11::timestamptz[])`;

/** 9999-12-31T23:59:59.999Z: past it, PostgreSQL and Date disagree on what a time means. */
const latestTime = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** A subscription event that passed checkedSubscriptionEvent, with its period end as a time. */
export interface CheckedSubscriptionEvent {
  event: InletEvent<SubscriptionEventType>;
  periodEnd: Date | null;
}

/**
 * The event with its period end checked: epoch ms between 1970 and 9999. Throws a PermanentError otherwise
 * (anything else is not a time any retry can fix).
 */
export function checkedSubscriptionEvent(event: InletEvent<SubscriptionEventType>): CheckedSubscriptionEvent {
  const value = event.data.currentPeriodEnd;
  if (value === null) return { event, periodEnd: null };
  if (Number.isSafeInteger(value) && value >= 0 && value <= latestTime) {
    return { event, periodEnd: new Date(value) };
  }
  throw new PermanentError(
    'INLET_SUBSCRIPTION_EVENT_INVALID',
    `event ${event.eventId}: data.currentPeriodEnd is ${value}, not an epoch-ms time between 1970 and 9999`,
  );
}

/**
 * Records the events in their subscriptions' histories (append-only), then recomputes each subscription and
 * its grant from its whole history (subscription-projection.ts says how), under the lock of every
 * subscription they name: four statements, whatever the number of events.
 */
export async function applySubscriptionEvents(
  events: readonly CheckedSubscriptionEvent[],
  tx: Queryable,
): Promise<void> {
  const subscriptionIds = [...new Set(events.map(({ event }) => event.data.subscriptionId))];
  await lockEntities(tx, 'subscription', subscriptionIds);
  await tx.query(insertEvents, [
    events.map(({ event }) => event.eventId),
    events.map(({ event }) => event.data.subscriptionId),
    events.map(({ event }) => event.type),
    events.map(({ event }) => event.sourceEventName),
    events.map(({ event }) => event.data.userId),
    events.map(({ event }) => event.data.customerId),
    events.map(({ event }) => event.data.planId),
    events.map(({ event }) => event.data.status),
    events.map(({ event }) => event.data.courseId),
    events.map(({ periodEnd }) => periodEnd),
    events.map(({ event }) => new Date(event.occurredAt)),
  ]);
  await refreshSubscriptions(tx, subscriptionIds);
}
