import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMigratedDatabase,
  cursorOf,
  expectCursorRefused,
  type MigratedDatabase,
} from '@inlet/test-harness';
import { memberCursor } from '../src/queries/members.js';
import { membership } from '../src/service.js';

// A key PostgreSQL text cannot hold: the old shape check let it through to the query, which failed (500).
const withNul = cursorOf(['user\u0000']);

describe('membership cursors', () => {
  it('refuses a key PostgreSQL text cannot hold with 400 INLET_CURSOR_INVALID', () => {
    expect(() => memberCursor.decode(withNul)).toThrow(
      expect.objectContaining({
        code: 'INLET_CURSOR_INVALID',
        statusCode: 400,
        field: '/querystring/cursor',
      }),
    );
  });

  it('still reads back every cursor it writes', () => {
    for (const lastKey of ['user-1', 'ユーザー ✓', '']) {
      expect(memberCursor.decode(memberCursor.encode({ lastKey }))).toEqual({ lastKey });
    }
  });

  describe('the lists', () => {
    let db: MigratedDatabase;
    let app: FastifyInstance;
    beforeAll(async () => {
      db = await createMigratedDatabase(membership.migrate);
      app = await membership.buildApp({
        pool: db.pool,
        consumerStatus: () => ({ running: true }),
        metrics: membership.createMetrics(),
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
