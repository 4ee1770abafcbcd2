import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMigratedDatabase,
  cursorOf,
  expectCursorRefused,
  type MigratedDatabase,
} from '@inlet/test-harness';
import { catalogCursor } from '../src/queries/catalog.js';
import { content } from '../src/service.js';

// Positions a client can forge that the old shape check let through, each a 500 from the query it reached.
const tampered: Record<string, string> = {
  'a time a Date cannot hold (Invalid Date)': cursorOf([8.64e15 + 1, 'page-1']),
  'a time before PostgreSQL timestamptz begins': cursorOf([-8.64e15, 'page-1']),
  'a key PostgreSQL text cannot hold': cursorOf([Date.parse('2026-01-01T00:00:00Z'), 'page\u0000']),
};

describe('content cursors', () => {
  it.each(Object.entries(tampered))('refuses %s with 400 INLET_CURSOR_INVALID', (_, cursor) => {
    expect(() => catalogCursor.decode(cursor)).toThrow(
      expect.objectContaining({
        code: 'INLET_CURSOR_INVALID',
        statusCode: 400,
        field: '/querystring/cursor',
      }),
    );
  });

  it('still reads back every cursor it writes, up to the edges of the range', () => {
    for (const ms of [0, Date.parse('2026-11-23T12:00:00.123Z'), 8.64e15, Date.UTC(-4713, 10, 25)]) {
      const cursor = { lastEventAt: new Date(ms), contentId: 'page/7 ✓' };
      expect(catalogCursor.decode(catalogCursor.encode(cursor))).toEqual(cursor);
    }
  });

  describe('GET /contexts/:contextId/content', () => {
    let db: MigratedDatabase;
    let app: FastifyInstance;
    beforeAll(async () => {
      db = await createMigratedDatabase(content.migrate);
      app = await content.buildApp({
        pool: db.pool,
        consumerStatus: () => ({ running: true }),
        metrics: content.createMetrics(),
      });
    });
    afterAll(async () => {
      await app?.close();
      await db?.close();
    });

    it.each([
      ['the earliest', Date.UTC(-4713, 10, 25)],
      ['the latest', 8.64e15],
    ])('takes a cursor at %s instant both a Date and PostgreSQL hold', async (_, ms) => {
      const response = await app.inject({
        method: 'GET',
        url: `/contexts/course-1/content?cursor=${cursorOf([ms, 'page-1'])}`,
      });
      expect(response.statusCode, response.body).toBe(200);
    });

    it.each(Object.entries(tampered))('answers 400, not 500, for %s', async (_, cursor) => {
      const response = await app.inject({
        method: 'GET',
        url: `/contexts/course-1/content?cursor=${cursor}`,
      });
      expectCursorRefused(response);
    });
  });
});
