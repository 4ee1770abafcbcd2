import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { AcceptedWebhook } from './e2e-load.js';

const processedTable = 'grades.processed_events';

/**
 * Waits until every accepted event is in grades.processed_events, or until `quietSeconds` pass without a new
 * one (what is still missing then is lost), and returns each applied event's processed_at in epoch ms.
 */
export async function drainApplied(
  pool: pg.Pool,
  accepted: AcceptedWebhook[],
  quietSeconds: number,
): Promise<Map<string, number>> {
  let count = -1;
  let lastGrowthAt = Date.now();
  while (Date.now() - lastGrowthAt < quietSeconds * 1000) {
    const { rows } = await pool.query<{ count: string }>(`SELECT count(*) AS count FROM ${processedTable}`);
    const now = Number(rows[0]!.count);
    if (now > count) {
      count = now;
      lastGrowthAt = Date.now();
    }
    if (count >= accepted.length) break;
    await sleep(500);
  }
  const { rows } = await pool.query<{ event_id: string; at: number }>(
    `SELECT event_id, (extract(epoch FROM processed_at) * 1000)::float8 AS at FROM ${processedTable}`,
  );
  return new Map(rows.map((row) => [row.event_id, row.at]));
}

export interface LatencyFigures {
  /** Accepted events of the measured run that were applied. */
  count: number;
  p50: number;
  p99: number;
  max: number;
  min: number;
}

/**
 * Per event: processed_at (PostgreSQL's now() in the applying transaction, i.e. when that transaction began)
 * minus the moment its 202 arrived, both on this machine's clock. The consumer may start applying before the
 * 202 reaches the sender, so a few figures can be slightly negative. Percentiles are exact (nearest rank).
 */
export function latencyFigures(
  accepted: AcceptedWebhook[],
  applied: Map<string, number>,
): LatencyFigures | undefined {
  const values = accepted
    .filter((webhook) => webhook.measured && applied.has(webhook.eventId))
    .map((webhook) => applied.get(webhook.eventId)! - webhook.acceptedAt)
    .sort((a, b) => a - b);
  if (values.length === 0) return undefined;
  const rank = (q: number) => values[Math.max(0, Math.ceil(q * values.length) - 1)]!;
  return { count: values.length, p50: rank(0.5), p99: rank(0.99), max: values.at(-1)!, min: values[0]! };
}

/** Accepted ids (warm-up included) that never reached the table: each a 202 whose promise was broken. */
export function lostEvents(accepted: AcceptedWebhook[], applied: Map<string, number>): string[] {
  return accepted.filter((webhook) => !applied.has(webhook.eventId)).map((webhook) => webhook.eventId);
}
