import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@inlet/test-harness';
import { jsonObject, jsonTime, selectList, withDates } from '../src/sql/select-list.js';

// The SQL the read APIs answer with, run by the real PostgreSQL: rows come back as the answers' objects.
describe('select lists against PostgreSQL', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 1 });
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('selectList names each column after its field; a timestamptz arrives as a Date', async () => {
    const { rows } = await pool.query(
      `SELECT ${selectList({ userId: 'user_id', at: 'at' })}
         FROM (VALUES ('u-1', timestamptz '2026-12-01 10:00:00.123+00')) AS t (user_id, at)`,
    );
    expect(rows).toEqual([{ userId: 'u-1', at: new Date('2026-12-01T10:00:00.123Z') }]);
  });

  it('jsonObject nests an answer; withDates turns its jsonTime fields into the Dates pg reads', async () => {
    const times = [
      '2026-12-01 10:00:00.123456+00',
      '1969-07-20 20:17:40+00',
      '2026-03-01 23:59:59.9999+02',
      '10000-01-01 00:00:00+00',
      '0001-01-01 00:00:00+00 BC',
    ];
    for (const time of times) {
      const { rows } = await pool.query<{ nested: { at: number; until: null; score: number }; asDate: Date }>(
        `SELECT ${jsonObject({ at: jsonTime('t'), until: jsonTime('NULL::timestamptz'), score: 'score' })} AS nested,
                t AS "asDate"
           FROM (VALUES ($1::timestamptz, 0.25::float8)) AS v (t, score)`,
        [time],
      );
      const { nested, asDate } = rows[0]!;
      const answer = withDates(nested, ['at', 'until']);
      expect(answer).toEqual({ at: asDate, until: null, score: 0.25 });
    }
  });
});
