import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';
import type pg from 'pg';
import { cpuSeconds } from './process-cpu.js';
import { sampleMemory, type MemoryOverRun } from './process-memory.js';

export interface ApplyingWatch {
  pool: pg.Pool;
  /** e.g. grades.processed_events */
  processedTable: string;
  admin: Admin;
  topic: string;
  group: string;
  /** The service's node process. */
  nodePid: number;
}

export interface ApplyingResult {
  /** Rows in the processed-events table at the end: distinct events applied. */
  applied: number;
  seconds: number;
  perSecond: number;
  /** CPU the service used over the measured time. */
  cpuSeconds: number;
  memory: MemoryOverRun;
  /** Set when the service stopped making progress before it reached the end of the topic. */
  stalled?: string;
}

const pollMs = 250;
/** No new row and no committed offset moving for this long: the service is stuck, not slow. */
const stallMs = 120_000;

/**
 * Watches a consumer service work through its topic. Starts at its first applied event (the earliest
 * processed_at: PostgreSQL's now() of the first applying transaction, on this machine's clock); ends when its
 * group's committed offsets reach the end of every partition AND the processed count has stopped growing (the
 * later of the two moments, seen by polling every 250 ms; commits lag applying by up to kafkajs' 1 s
 * autoCommitInterval, which the measured time includes: an offset not committed is work not yet durable).
 */
export async function watchApplying(watch: ApplyingWatch): Promise<ApplyingResult> {
  const memory = sampleMemory(watch.nodePid, 500);
  let first: { at: number; cpu: number } | undefined;
  let count = 0;
  let lastGrowthAt = Date.now();
  let offsetsDoneAt: number | undefined;
  let lastCommitted = -1;
  let lastMoveAt = Date.now();
  let stalled: string | undefined;
  for (;;) {
    const polledAt = Date.now();
    const state = await processedState(watch);
    if (!first && state.firstAt !== null) {
      first = { at: state.firstAt, cpu: await cpuSeconds(watch.nodePid) };
    }
    const grew = state.count > count;
    if (grew) {
      count = state.count;
      lastGrowthAt = polledAt;
      lastMoveAt = polledAt;
    }
    const offsets = await committedAndEnd(watch);
    if (offsets.committed !== lastCommitted) {
      lastCommitted = offsets.committed;
      lastMoveAt = polledAt;
    }
    const atEnd = offsets.committed >= offsets.end && offsets.end > 0;
    if (atEnd) offsetsDoneAt ??= polledAt;
    else offsetsDoneAt = undefined;
    if (atEnd && first && !grew) break;
    if (polledAt - lastMoveAt > stallMs) {
      stalled =
        `no progress for ${stallMs / 1000} s: ${count} events applied, offsets committed ` +
        `${offsets.committed} of ${offsets.end}`;
      break;
    }
    await sleep(first ? pollMs : 100);
  }
  const endedAt = Math.max(offsetsDoneAt ?? Date.now(), lastGrowthAt);
  const cpu = (await cpuSeconds(watch.nodePid)) - (first?.cpu ?? 0);
  const seconds = first ? (endedAt - first.at) / 1000 : 0;
  return {
    applied: count,
    seconds,
    perSecond: seconds > 0 ? count / seconds : 0,
    cpuSeconds: cpu,
    memory: await memory.stop(),
    ...(stalled ? { stalled } : {}),
  };
}

async function processedState(watch: ApplyingWatch): Promise<{ count: number; firstAt: number | null }> {
  const { rows } = await watch.pool.query<{ count: string; first_at: number | null }>(
    `SELECT count(*) AS count, (extract(epoch FROM min(processed_at)) * 1000)::float8 AS first_at
       FROM ${watch.processedTable}`,
  );
  return { count: Number(rows[0]!.count), firstAt: rows[0]!.first_at };
}

/** The group's committed offsets and the topic's end offsets, each summed over the partitions. */
async function committedAndEnd(watch: ApplyingWatch): Promise<{ committed: number; end: number }> {
  const [ends, [committed]] = await Promise.all([
    watch.admin.fetchTopicOffsets(watch.topic),
    watch.admin.fetchOffsets({ groupId: watch.group, topics: [watch.topic] }),
  ]);
  const committedByPartition = new Map(
    (committed?.partitions ?? []).map((partition) => [partition.partition, Number(partition.offset)]),
  );
  let sumCommitted = 0;
  let sumEnd = 0;
  for (const partition of ends) {
    // -1: nothing committed yet on that partition.
    sumCommitted += Math.max(0, committedByPartition.get(partition.partition) ?? 0);
    sumEnd += Number(partition.high);
  }
  return { committed: sumCommitted, end: sumEnd };
}
