import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka } from 'kafkajs';
import { Registry } from 'prom-client';
import { waitFor } from '@inlet/test-harness';
import {
  ConsumerError,
  ProcessedEventsCleanup,
  createServiceConsumer,
  defaultProcessedRetentionDays,
  type ProcessedEventsCleanupOptions,
} from '../../src/index.js';
import {
  consumerOptions,
  createDatabaseBed,
  createServiceTopics,
  testKafkaClient,
  testLogger,
  testTopics,
  type DatabaseBed,
  type TestSchema,
} from './support/test-bed.js';

const day = 24 * 60 * 60 * 1000;

// processed_events must not grow forever, and must not forget an id a replay or redelivery can still bring.
describe('processed-events retention', () => {
  let db: DatabaseBed;

  beforeAll(async () => {
    db = await createDatabaseBed();
  });
  afterAll(async () => {
    await db.close();
  });

  /** `old` rows processed 60 days ago and `recent` ones processed now. */
  async function insertIds(schema: TestSchema, old: number, recent: number): Promise<void> {
    await db.pool.query(
      `INSERT INTO ${schema.processedTable} (event_id, event_type, topic, "partition", "offset", processed_at)
       SELECT 'old-' || n, 'grade.updated', 'inlet.grades.v1', 0, n, now() - interval '60 days'
         FROM generate_series(1, $1::int) AS n`,
      [old],
    );
    await db.pool.query(
      `INSERT INTO ${schema.processedTable} (event_id, event_type, topic, "partition", "offset")
       SELECT 'new-' || n, 'grade.updated', 'inlet.grades.v1', 0, n FROM generate_series(1, $1::int) AS n`,
      [recent],
    );
  }

  async function remainingIds(schema: TestSchema): Promise<string[]> {
    const { rows } = await db.pool.query<{ event_id: string }>(
      `SELECT event_id FROM ${schema.processedTable} ORDER BY event_id`,
    );
    return rows.map((row) => row.event_id);
  }

  const newIds = Array.from({ length: 10 }, (_, i) => `new-${i + 1}`).sort();

  function cleaner(schema: TestSchema, extra: Partial<ProcessedEventsCleanupOptions> = {}) {
    return new ProcessedEventsCleanup({
      pool: db.pool,
      table: schema.processedTable,
      retentionMs: defaultProcessedRetentionDays('grades') * day,
      intervalMs: 60_000,
      batchSize: 1_000,
      now: Date.now,
      log: testLogger(),
      ...extra,
    });
  }

  it('deletes ids older than the retention in batches and keeps the recent ones', async () => {
    const schema = await db.schema();
    await insertIds(schema, 5_000, 10);
    const batchSizes: number[] = [];
    const watched = new WeakSet<object>();
    // Count the DELETEs the pass sends: 5,000 old rows in batches of 1,000 take five full ones and a last empty one.
    const pool = new Proxy(db.pool, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        // pool.query (the count) connects through the real pool; only the cleaner's own connect() is watched.
        if (property !== 'connect') return typeof value === 'function' ? value.bind(target) : value;
        return async () => {
          const client = await target.connect();
          // The pool hands the same client out again: watch it once.
          if (watched.has(client)) return client;
          watched.add(client);
          const query = client.query.bind(client) as (...args: unknown[]) => Promise<{ rowCount: number }>;
          (client as unknown as { query: unknown }).query = async (...args: unknown[]) => {
            const result = await query(...args);
            if (typeof args[0] === 'string' && args[0].startsWith('DELETE')) batchSizes.push(result.rowCount);
            return result;
          };
          return client;
        };
      },
    });

    const pass = await cleaner(schema, { pool }).runOnce();

    expect(pass).toMatchObject({ deleted: 5_000, rows: 10, cleaned: true });
    // Only the recent rows remain: the oldest is seconds old, not 60 days.
    expect(pass.oldestAgeSeconds).toBeLessThan(3600);
    expect(batchSizes).toEqual([1_000, 1_000, 1_000, 1_000, 1_000, 0]);
    expect(await remainingIds(schema)).toEqual(newIds);
  });

  it('two cleaners at once neither fail nor delete a recent id', async () => {
    const schema = await db.schema();
    await insertIds(schema, 5_000, 10);
    const passes = await Promise.all([
      cleaner(schema, { batchSize: 200 }).runOnce(),
      cleaner(schema, { batchSize: 200 }).runOnce(),
    ]);
    expect(passes.reduce((sum, pass) => sum + pass.deleted, 0)).toBe(5_000);
    // The lock holder always finishes: whoever was locked out left the rest to it.
    expect(passes.some((pass) => pass.cleaned && pass.rows === 10)).toBe(true);
    expect(await remainingIds(schema)).toEqual(newIds);
  });

  it('a replica that finds another cleaning skips the pass instead of waiting', async () => {
    const schema = await db.schema();
    await insertIds(schema, 50, 10);
    const other = await db.pool.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `inlet.${schema.processedTable}.cleanup`,
      ]);
      const skipped = await cleaner(schema).runOnce();
      expect(skipped).toMatchObject({ deleted: 0, rows: 60, cleaned: false });
      // Nothing was deleted, so the oldest id is the 60-day-old one: the gauge an alert on stalled cleanup reads.
      expect(skipped.oldestAgeSeconds).toBeGreaterThan(59 * 86_400);
    } finally {
      await other.query('ROLLBACK');
      other.release();
    }
    expect(await cleaner(schema).runOnce()).toMatchObject({ deleted: 50, rows: 10, cleaned: true });
  });

  it('the consumer cleans on its interval and exports the row count; stop ends the cleaning', async () => {
    const kafka: Kafka = testKafkaClient();
    const topics = testTopics('retention');
    const deleteTopics = await createServiceTopics(kafka, topics);
    const schema = await db.schema();
    await insertIds(schema, 2_500, 10);
    const registry = new Registry();
    const consumer = createServiceConsumer(
      consumerOptions(
        { kafka, topics, pool: db.pool, schema, log: testLogger() },
        {},
        { metricsRegistry: registry, processedCleanupIntervalMs: 200, processedCleanupBatchSize: 500 },
      ),
    );
    await consumer.start();
    try {
      const metrics = await waitFor(
        async () => {
          const text = await registry.metrics();
          return /inlet_consumer_processed_events_rows\{service="grades"\} 10\b/.test(text)
            ? text
            : undefined;
        },
        { what: 'the processed-events row count of 10' },
      );
      expect(metrics).toMatch(/inlet_consumer_processed_events_deleted_total\{service="grades"\} 2500\b/);
      // 37 days, the default retention, in seconds.
      expect(metrics).toMatch(
        /inlet_consumer_processed_events_retention_seconds\{service="grades"\} 3196800\b/,
      );
      expect(metrics).toMatch(/inlet_consumer_processed_events_oldest_age_seconds\{service="grades"\} \d/);
      expect(await remainingIds(schema)).toEqual(newIds);
    } finally {
      await consumer.stop();
      await deleteTopics();
    }
    // Stopped: rows that age past the retention now stay, because nothing cleans any more.
    await insertIds(schema, 5, 0);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await remainingIds(schema)).toHaveLength(15);
  });

  it('a failing pass is logged and retried at the next interval, never thrown', async () => {
    const log = testLogger();
    const warnings: string[] = [];
    log.warn = (_obj: object, msg?: string) => void warnings.push(msg ?? '');
    const missing = cleaner(
      { processedTable: 'no_such_schema.processed_events', appliedTable: 'unused' },
      { intervalMs: 50, log },
    );
    missing.start();
    await waitFor(() => warnings.length >= 2, { what: 'two failed passes' });
    await missing.stop();
    expect(warnings[0]).toBe('processed-events cleanup failed; it runs again at the next interval');
  });
});

describe('processed-events retention settings', () => {
  const base = () => ({
    kafka: testKafkaClient(),
    topics: testTopics('retention-config'),
    pool: undefined as never,
    schema: { processedTable: 's.processed_events', appliedTable: 's.applied' },
    log: testLogger(),
  });

  it('defaults to the longest topic retention (the 30-day DLQ) plus the 7-day replay window', () => {
    expect(defaultProcessedRetentionDays('grades')).toBe(37);
  });

  it('refuses at start a retention shorter than the longest topic retention, naming the variable and topic', () => {
    const create = (env: NodeJS.ProcessEnv) => () =>
      createServiceConsumer(consumerOptions(base(), {}, { env }));
    expect(create({ PROCESSED_EVENTS_RETENTION_DAYS: '7' })).toThrow(ConsumerError);
    expect(create({ PROCESSED_EVENTS_RETENTION_DAYS: '7' })).toThrow(
      'PROCESSED_EVENTS_RETENTION_DAYS=7 is shorter than the retention of grades.dlq (30 days): a replay or ' +
        'redelivery from it could apply an event twice once its id is forgotten. Use at least 30 (the ' +
        'default, 37, adds the 7-day replay window)',
    );
    expect(create({ PROCESSED_EVENTS_RETENTION_DAYS: 'a week' })).toThrow(
      'PROCESSED_EVENTS_RETENTION_DAYS must be a whole number of days of at least 1, got "a week"',
    );
    expect(() => createServiceConsumer(consumerOptions(base(), {}, { processedRetentionDays: 29 }))).toThrow(
      /^processedRetentionDays=29 is shorter than the retention of grades\.dlq/,
    );
    expect(create({ PROCESSED_EVENTS_RETENTION_DAYS: '30' })).not.toThrow();
    expect(create({})).not.toThrow();
  });
});
