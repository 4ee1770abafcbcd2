import type { FastifyInstance } from 'fastify';
import { cursorOf, expectCursorRefused } from '@inlet/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { createMetrics } from '../src/metrics.js';
import { decodeCursor, encodeCursor } from '../src/queries/cursor.js';
import { createMigratedDatabase, type MigratedDatabase } from './helpers/database.js';

// A key PostgreSQL text cannot hold: the old shape check let it through to the query, which failed (500).
const withNul = cursorOf(['user\u0000']);

describe('membership cursors', () => {
  it('refuses a key PostgreSQL text cannot hold with 400 INLET_CURSOR_INVALID', () => {
    expect(() => decodeCursor(withNul)).toThrow(
      expect.objectContaining({
        code: 'INLET_CURSOR_INVALID',
        statusCode: 400,
        field: '/querystring/cursor',
      }),
    );
  });

  it('still reads back every cursor it writes', () => {
    for (const key of ['user-1', 'ユーザー ✓', '']) expect(decodeCursor(encodeCursor(key))).toBe(key);
  });

  describe('the lists', () => {
    let db: MigratedDatabase;
    let app: FastifyInstance;
    beforeAll(async () => {
      db = await createMigratedDatabase();
      app = await buildApp({
        pool: db.pool,
        consumerStatus: () => ({ running: true }),
        metrics: createMetrics(),
      });
    });
    afterAll(async () => {
      await app?.close();
      await db?.close();
    });

    it.each(['/contexts/course-1/members', '/users/user-1/contexts'])(
      'GET %s answers 400, not 500, for a tampered cursor',
      async (path) => {
        const response = await app.inject({ method: 'GET', url: `${path}?cursor=${withNul}` });
        expectCursorRefused(response);
      },
    );
  });
});
