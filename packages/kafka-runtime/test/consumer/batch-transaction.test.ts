import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InletEvent } from '@inlet/schemas';
import {
  ConsumerError,
  PermanentError,
  applyBatch,
  type AnyEventHandler,
  type BatchEventHandler,
  type EventHandler,
  type TransactionItem,
} from '../../src/index.js';
import {
  appliedRows,
  createDatabaseBed,
  gradeEvent,
  recordEffect,
  testLogger,
  type DatabaseBed,
  type TestSchema,
} from './support/test-bed.js';

describe('applyBatch: one transaction per batch, one savepoint per run', () => {
  let db: DatabaseBed;
  beforeAll(async () => {
    db = await createDatabaseBed();
  });
  afterAll(async () => {
    await db?.close();
  });

  function itemsOf(events: InletEvent[], handler: (event: InletEvent) => AnyEventHandler): TransactionItem[] {
    return events.map((event, offset) => {
      const where = { topic: 'inlet.grades.v1', partition: 0, offset: String(offset) };
      return {
        record: { eventId: event.eventId, eventType: event.type, ...where },
        event,
        handler: handler(event),
        context: { attempt: 1, headers: {}, log: testLogger(), ...where },
      };
    });
  }

  /** Records one effect row per event; throws (after writing) for the events named in `failing`. */
  function recording(schema: TestSchema, failing: Set<string> = new Set()): EventHandler {
    return async (event, { tx }) => {
      await recordEffect(tx, schema, event.eventId, 1);
      if (failing.has(event.eventId)) throw new PermanentError('TEST_REFUSED', `refused ${event.eventId}`);
    };
  }

  async function processedIds(schema: TestSchema): Promise<string[]> {
    const { rows } = await db.pool.query<{ event_id: string }>(
      `SELECT event_id FROM ${schema.processedTable} ORDER BY event_id`,
    );
    return rows.map((row) => row.event_id);
  }

  it('applies new events once and skips ids already recorded, also within the same batch', async () => {
    const schema = await db.schema();
    const handler = recording(schema);
    const [a, b, c] = [gradeEvent(), gradeEvent(), gradeEvent()];
    expect(
      await applyBatch(
        db.pool,
        schema.processedTable,
        itemsOf([a!, b!], () => handler),
      ),
    ).toEqual([{ status: 'processed' }, { status: 'processed' }]);
    const second = await applyBatch(
      db.pool,
      schema.processedTable,
      itemsOf([b!, c!, c!], () => handler),
    );
    expect(second.map((result) => result.status)).toEqual(['duplicate', 'processed', 'duplicate']);
    expect(await appliedRows(db.pool, schema)).toBe(3);
    expect(await processedIds(schema)).toEqual([a!.eventId, b!.eventId, c!.eventId].sort());
  });

  it('rolls back only the failing event: its effect and its id are gone, the others commit', async () => {
    const schema = await db.schema();
    const events = [gradeEvent(), gradeEvent(), gradeEvent()];
    const bad = events[1]!;
    const handler = recording(schema, new Set([bad.eventId]));
    const results = await applyBatch(
      db.pool,
      schema.processedTable,
      itemsOf(events, () => handler),
    );
    expect(results.map((result) => result.status)).toEqual(['processed', 'failed', 'processed']);
    expect((results[1] as { error: Error }).error.message).toBe(`refused ${bad.eventId}`);
    expect(await appliedRows(db.pool, schema, bad.eventId)).toBe(0);
    expect(await appliedRows(db.pool, schema)).toBe(2);
    // Not recorded: its retry must apply it, not skip it as a duplicate.
    expect(await processedIds(schema)).toEqual([events[0]!.eventId, events[2]!.eventId].sort());
  });

  it('gives a batch handler each run of consecutive events, and applies a failed run again one by one', async () => {
    const schema = await db.schema();
    const events = Array.from({ length: 5 }, () => gradeEvent());
    const bad = events[3]!;
    const calls: string[][] = [];
    const batch: BatchEventHandler = {
      async applyMany(run, { tx }) {
        calls.push(run.map((event) => event.eventId));
        for (const event of run) await recordEffect(tx, schema, event.eventId, 1);
        if (run.some((event) => event.eventId === bad.eventId)) throw new Error('one bad event in the run');
      },
    };
    const single = recording(schema);
    // Events 0, 1, 3, 4 share the batch handler; event 2 has its own: runs [0, 1], [2], [3, 4].
    const results = await applyBatch(
      db.pool,
      schema.processedTable,
      itemsOf(events, (event) => (event === events[2] ? single : batch)),
    );
    const id = (index: number) => events[index]!.eventId;
    expect(calls).toEqual([[id(0), id(1)], [id(3), id(4)], [id(3)], [id(4)]]);
    expect(results.map((result) => result.status)).toEqual([
      'processed',
      'processed',
      'processed',
      'failed',
      'processed',
    ]);
    expect(await appliedRows(db.pool, schema)).toBe(4);
    expect(await appliedRows(db.pool, schema, bad.eventId)).toBe(0);
  });

  it('fails an event whose handler swallowed a failed statement (the transaction was aborted)', async () => {
    const schema = await db.schema();
    const events = [gradeEvent(), gradeEvent()];
    const handler: EventHandler = async (event, { tx }) => {
      if (event === events[0]) await tx.query('SELECT 1/0').catch(() => undefined);
      else await recordEffect(tx, schema, event.eventId, 1);
    };
    const results = await applyBatch(
      db.pool,
      schema.processedTable,
      itemsOf(events, () => handler),
    );
    expect(results.map((result) => result.status)).toEqual(['failed', 'processed']);
    expect(await processedIds(schema)).toEqual([events[1]!.eventId]);
  });

  it('throws a retryable ConsumerError, and commits nothing, when the batch cannot be recorded', async () => {
    const schema = await db.schema();
    const events = [gradeEvent(), gradeEvent()];
    const missing = `${schema.processedTable}_missing`;
    const error = await applyBatch(
      db.pool,
      missing,
      itemsOf(events, () => recording(schema)),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConsumerError);
    expect(error).toMatchObject({ code: 'INLET_DATABASE_FAILED', retryable: true });
    expect((error as Error).message).toContain(`could not record event ${events[0]!.eventId} and 1 more`);

    const unreachable = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/none' });
    try {
      await expect(
        applyBatch(
          unreachable,
          schema.processedTable,
          itemsOf(events, () => recording(schema)),
        ),
      ).rejects.toMatchObject({ code: 'INLET_DATABASE_FAILED', retryable: true });
    } finally {
      await unreachable.end();
    }
    expect(await appliedRows(db.pool, schema)).toBe(0);
  });
});
