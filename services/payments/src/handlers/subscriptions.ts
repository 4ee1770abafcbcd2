import type { InletEvent } from '@inlet/schemas';
import type { TransactionContext } from '@inlet/service-kit';
import { PermanentError } from '@inlet/kafka-runtime';
import { lockEntity } from './locks.js';
import { refreshSubscription } from './subscription-projection.js';

type SubscriptionEventType = 'subscription.created' | 'subscription.cancelled';

const insertEvent = `
INSERT INTO payments.subscription_events (
  event_id, subscription_id, event_type, source_event_name, user_id, customer_id, plan_id, provider_status,
  course_id, current_period_end, occurred_at
) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`;

/** 9999-12-31T23:59:59.999Z: past it, PostgreSQL and Date disagree on what a time means. */
const latestTime = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** A period end is epoch ms between 1970 and 9999; anything else is not a time any retry can fix. */
function periodEnd(value: number | null, eventId: string): Date | null {
  if (value === null) return null;
  if (Number.isSafeInteger(value) && value >= 0 && value <= latestTime) return new Date(value);
  throw new PermanentError(
    'INLET_SUBSCRIPTION_EVENT_INVALID',
    `event ${eventId}: data.currentPeriodEnd is ${value}, not an epoch-ms time between 1970 and 9999`,
  );
}

/**
 * Records the event in the subscription's history (append-only), then recomputes the subscription and its
 * grant from the whole history under the subscription's lock (subscription-projection.ts says how).
 */
export async function applySubscriptionEvent(
  event: InletEvent<SubscriptionEventType>,
  { tx }: TransactionContext,
): Promise<void> {
  const { data, eventId } = event;
  const end = periodEnd(data.currentPeriodEnd, eventId);
  await lockEntity(tx, 'subscription', data.subscriptionId);
  await tx.query(insertEvent, [
    eventId,
    data.subscriptionId,
    event.type,
    event.sourceEventName,
    data.userId,
    data.customerId,
    data.planId,
    data.status,
    data.courseId,
    end,
    new Date(event.occurredAt),
  ]);
  await refreshSubscription(tx, data.subscriptionId);
}
