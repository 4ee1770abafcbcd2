import type { Admin } from 'kafkajs';
import type pg from 'pg';
import type { InletEvent } from '@inlet/schemas';
import { serviceTopics, type ServiceName } from '@inlet/topics';
import { recordsOnTopic } from './kafka.js';

/**
 * Exactly once, as the runtime records it: the processed-events table holds every distinct event id that was
 * produced and no other. (Its primary key makes a second row per id impossible; an id applied twice would
 * need a second row elsewhere, which the effect checks look for.)
 */
export async function checkProcessedEvents(
  pool: pg.Pool,
  processedTable: string,
  events: InletEvent[],
): Promise<string[]> {
  const { rows } = await pool.query<{ event_id: string }>(`SELECT event_id FROM ${processedTable}`);
  const applied = new Set(rows.map((row) => row.event_id));
  const produced = new Set(events.map((event) => event.eventId));
  const missing = [...produced].filter((id) => !applied.has(id));
  const unexpected = [...applied].filter((id) => !produced.has(id));
  const problems: string[] = [];
  if (missing.length > 0) {
    problems.push(
      `${processedTable}: ${missing.length} of ${produced.size} produced events were never applied ` +
        `(e.g. ${missing.slice(0, 3).join(', ')})`,
    );
  }
  if (unexpected.length > 0) {
    problems.push(
      `${processedTable}: ${unexpected.length} ids that were not produced by this run ` +
        `(e.g. ${unexpected.slice(0, 3).join(', ')}): something else writes to the service's topic`,
    );
  }
  return problems;
}

export interface StrayRecords {
  /** Records on the retry tiers: failed attempts (each later applied, or dead-lettered). */
  retried: number;
  deadLettered: number;
}

/** No event of the bench should fail: what reached the service's retry tiers and DLQ (emptied before the run). */
export async function strayRecords(admin: Admin, service: ServiceName): Promise<StrayRecords> {
  const topics = serviceTopics(service);
  const retried = await Promise.all(topics.retryTiers.map((tier) => recordsOnTopic(admin, tier.topic)));
  return {
    retried: retried.reduce((sum, records) => sum + records, 0),
    deadLettered: await recordsOnTopic(admin, topics.dlq),
  };
}
