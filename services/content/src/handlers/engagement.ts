import type { BehaviorItem, InletEvent } from '@inlet/schemas';
import type { ServiceBatchHandler } from '@inlet/service-kit';
import { invalidEvent, requireId } from './invalid.js';

// A user.behavior batch (a sender's batch of interactions) is ONE event: the runtime records its id in the same
// transaction as these counters, so a redelivered event adds nothing. The counters only add, so events commute:
// arrival order is irrelevant, and a run of events is applied as one sum.

export interface DailyCounts {
  views: number;
  clicks: number;
  interactions: number;
}

/** One counter row of a batch: an element's (or the user's) counts on one UTC day. */
export interface DailyRow extends DailyCounts {
  key: string;
  day: string;
}

const counterOf: Record<BehaviorItem['type'], keyof DailyCounts> = {
  view: 'views',
  click: 'clicks',
  interaction: 'interactions',
};

/** The UTC calendar day (YYYY-MM-DD) of an epoch-ms time; a time outside years 0000-9999 is invalid data. */
export function utcDay(epochMs: number, eventId: string): string {
  const date = new Date(epochMs);
  const iso = Number.isNaN(date.getTime()) ? '' : date.toISOString();
  if (!/^\d{4}-\d\d-\d\dT/.test(iso)) {
    throw invalidEvent(
      eventId,
      `a behavior item's occurredAt (${epochMs}) is not a time between years 0 and 9999`,
    );
  }
  return iso.slice(0, 10);
}

/**
 * Sums a batch per (key, day), sorted by key then day. Every transaction that adds to counters takes their
 * row locks in this one order, so two batches touching the same rows wait for each other instead of
 * deadlocking (a deadlock would still be safe: the runtime retries the batch).
 */
export function sumDaily(items: { key: string; day: string; type: BehaviorItem['type'] }[]): DailyRow[] {
  const rows = new Map<string, DailyRow>();
  for (const { key, day, type } of items) {
    const id = JSON.stringify([key, day]);
    let row = rows.get(id);
    if (!row) {
      row = { key, day, views: 0, clicks: 0, interactions: 0 };
      rows.set(id, row);
    }
    // Avro reads a symbol this service does not know as interaction; the fallback says the same.
    row[counterOf[type] ?? 'interactions'] += 1;
  }
  return [...rows.values()].sort((a, b) =>
    a.key !== b.key ? (a.key < b.key ? -1 : 1) : a.day < b.day ? -1 : a.day > b.day ? 1 : 0,
  );
}

const addCounters = (table: string, keyColumn: string) => `
INSERT INTO content.${table} AS stored (${keyColumn}, day, views, clicks, interactions)
SELECT key, day, views, clicks, interactions
  FROM unnest($1::text[], $2::date[], $3::bigint[], $4::bigint[], $5::bigint[])
       AS batch(key, day, views, clicks, interactions)
ON CONFLICT (${keyColumn}, day) DO UPDATE SET
  views = stored.views + excluded.views,
  clicks = stored.clicks + excluded.clicks,
  interactions = stored.interactions + excluded.interactions,
  updated_at = now()`;

const addElementCounters = addCounters('element_daily_engagement', 'element');
const addUserCounters = addCounters('user_daily_engagement', 'user_id');

const columns = (rows: DailyRow[]) => [
  rows.map((row) => row.key),
  rows.map((row) => row.day),
  rows.map((row) => row.views),
  rows.map((row) => row.clicks),
  rows.map((row) => row.interactions),
];

/**
 * Adds the interactions of a run of user.behavior events to the per-element and per-user daily counters,
 * each item on the UTC day of its own occurredAt (a session across midnight counts on both days). One
 * statement per table, whatever the size of the run: sums commute, so a run equals its events one by one.
 * Elements first, then users: the same table order in every transaction.
 */
export const recordUserBehavior: ServiceBatchHandler<'user.behavior'> = {
  async applyMany(events, { tx }) {
    const items = events.flatMap(behaviorItems);
    if (items.length === 0) return;
    await tx.query(
      addElementCounters,
      columns(sumDaily(items.map(({ element, day, type }) => ({ key: element, day, type })))),
    );
    await tx.query(
      addUserCounters,
      columns(sumDaily(items.map(({ userId, day, type }) => ({ key: userId, day, type })))),
    );
  },
};

/** An event's items with the user, each checked: an empty id or an impossible time refuses the event. */
function behaviorItems(event: InletEvent<'user.behavior'>) {
  const { data, eventId } = event;
  const userId = requireId(data.userId, 'data.userId', eventId);
  return data.events.map((item, index) => ({
    userId,
    element: requireId(item.element, `data.events[${index}].element`, eventId),
    day: utcDay(item.occurredAt, eventId),
    type: item.type,
  }));
}
