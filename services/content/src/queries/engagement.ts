import { selectList, type Queryable } from '@inlet/service-kit';
import type { Engagement, EngagementRange } from '../routes/schemas.js';

type Day = Engagement['days'][number];

// Counters are bigint, which node-pg would hand over as strings: they are read as float8, exact for every count
// below 2^53. A day is read as text, because node-pg would turn a date into local midnight.
const dayColumns = selectList<Day>({
  day: 'day::text',
  views: 'views::float8',
  clicks: 'clicks::float8',
  interactions: 'interactions::float8',
});

/** The tables, and the column naming what is counted: chosen by the route, never by the caller's input. */
export const engagementOf = {
  element: { table: 'content.element_daily_engagement', key: 'element' },
  user: { table: 'content.user_daily_engagement', key: 'user_id' },
} as const;

/**
 * An element's or a user's counters per day within the range, oldest day first; only days with activity
 * appear. The primary key (key, day) serves the range scan.
 */
export async function readEngagement(
  db: Queryable,
  of: keyof typeof engagementOf,
  key: string,
  range: EngagementRange,
): Promise<Engagement> {
  const { table, key: keyColumn } = engagementOf[of];
  const { rows: days } = await db.query<Day>(
    `SELECT ${dayColumns}
       FROM ${table}
      WHERE ${keyColumn} = $1
        AND ($2::date IS NULL OR day >= $2)
        AND ($3::date IS NULL OR day <= $3)
      ORDER BY day`,
    [key, range.from ?? null, range.to ?? null],
  );
  const totals = { views: 0, clicks: 0, interactions: 0 };
  for (const day of days) {
    totals.views += day.views;
    totals.clicks += day.clicks;
    totals.interactions += day.interactions;
  }
  return { days, totals };
}
