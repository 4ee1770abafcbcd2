import type pg from 'pg';
import type { RuntimeLogger } from '../kafka-client.js';

export interface ProcessedEventsCleanupOptions {
  pool: pg.Pool;
  /** The processed-events table (already checked to be a plain [schema.]table name). */
  table: string;
  /** Ids processed longer ago than this are deleted. */
  retentionMs: number;
  /** Between the end of one pass and the start of the next. */
  intervalMs: number;
  /** Rows per DELETE: each batch is its own short transaction. */
  batchSize: number;
  now: () => number;
  log: RuntimeLogger;
  /** After each pass that could count the table. */
  onPass?: (pass: CleanupPass) => void;
}

export interface CleanupPass {
  /** Rows this pass deleted. */
  deleted: number;
  /** Rows left in the table after the pass. */
  rows: number;
  /** Age of the oldest row left, in seconds (0 for an empty table): beyond the retention, cleanup has stalled. */
  oldestAgeSeconds: number;
  /** False when another replica was cleaning: this one only counted. */
  cleaned: boolean;
}

/**
 * Deletes processed ids older than the retention, in small batches, every `intervalMs` while the consumer runs.
 *
 * Each batch is one transaction that first takes a transaction-level advisory lock of the table: replicas that
 * find it taken leave the work to the one that has it (no waiting, no error), and the lock ends with the batch,
 * so a replica that stops mid-pass never leaves it held. `FOR UPDATE SKIP LOCKED` keeps a batch from waiting on
 * a row another transaction holds. A failed pass is logged and tried again at the next interval: forgetting ids
 * a little later is harmless, stopping the consumer for it would not be.
 */
export class ProcessedEventsCleanup {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly options: ProcessedEventsCleanupOptions) {}

  /** Runs a first pass at once (so the row count is known early), then one per interval. */
  start(): void {
    this.schedule(0);
  }

  /** No new pass; a running one ends after its current batch. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass: delete in batches until none is left older than the cutoff, then count what remains. */
  async runOnce(): Promise<CleanupPass> {
    const { pool, table, batchSize } = this.options;
    const cutoff = new Date(this.options.now() - this.options.retentionMs);
    let deleted = 0;
    let cleaned = true;
    while (!this.stopping) {
      const batch = await this.deleteBatch(cutoff);
      if (batch === 'locked') {
        cleaned = false;
        break;
      }
      deleted += batch;
      if (batch < batchSize) break;
    }
    // Exact, and affordable: the table holds only the retention's worth of ids, and this runs once per interval.
    const { rows } = await pool.query<{ n: string; oldest: Date | null }>(
      `SELECT count(*) AS n, min(processed_at) AS oldest FROM ${table}`,
    );
    const oldest = rows[0]?.oldest;
    const pass = {
      deleted,
      rows: Number(rows[0]?.n ?? 0),
      oldestAgeSeconds: oldest ? Math.max(0, (this.options.now() - oldest.getTime()) / 1000) : 0,
      cleaned,
    };
    this.options.onPass?.(pass);
    return pass;
  }

  private schedule(delayMs: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.running = this.runLogged().finally(() => {
        this.running = undefined;
        this.schedule(this.options.intervalMs);
      });
    }, delayMs);
    // The consumer's lifetime, not this timer, decides when the process ends.
    this.timer.unref();
  }

  private async runLogged(): Promise<void> {
    const { log, table } = this.options;
    try {
      const pass = await this.runOnce();
      if (pass.deleted > 0) log.info({ table, ...pass }, 'deleted processed event ids past their retention');
    } catch (error) {
      log.warn({ err: error, table }, 'processed-events cleanup failed; it runs again at the next interval');
    }
  }

  private async deleteBatch(cutoff: Date): Promise<number | 'locked'> {
    const { pool, table, batchSize } = this.options;
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const lock = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
        [`inlet.${table}.cleanup`],
      );
      if (!lock.rows[0]?.locked) {
        await client.query('ROLLBACK');
        return 'locked';
      }
      // ctid = ANY(ARRAY(...)) runs the subquery once and deletes by tuple address: a bounded batch, short locks.
      const result = await client.query(
        `DELETE FROM ${table} WHERE ctid = ANY (ARRAY(
           SELECT ctid FROM ${table} WHERE processed_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED))`,
        [cutoff, batchSize],
      );
      await client.query('COMMIT');
      return result.rowCount ?? 0;
    } catch (error) {
      broken = error instanceof Error ? error : new Error(String(error));
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      // A client whose transaction state is unknown is destroyed instead of going back to the pool.
      client.release(broken);
    }
  }
}
