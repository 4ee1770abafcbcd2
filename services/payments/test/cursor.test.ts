import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReadApi } from '@inlet/service-kit/testing';
import { cursorOf, expectCursorRefused, type MigratedDatabase } from '@inlet/test-harness';
import { listEntitlements } from '../src/queries/entitlements.js';
import { listLedger } from '../src/queries/ledger.js';
import { payments } from '../src/service.js';

// Positions a client can forge that the old checks let through to the query, which failed (500).
const entitlementCursor = cursorOf(['course\u0000']);

describe('payments cursors', () => {
  let db: MigratedDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ db, app } = await startReadApi(payments));
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const invalidCursor = expect.objectContaining({
    code: 'INLET_CURSOR_INVALID',
    statusCode: 400,
    field: '/querystring/cursor',
  });

  it('refuses an entitlement position PostgreSQL text cannot hold', async () => {
    await expect(
      listEntitlements(db.pool, 'user-1', { limit: 10, cursor: entitlementCursor }),
    ).rejects.toThrow(invalidCursor);
  });

  it('refuses ledger positions beyond what bigint and a JavaScript number hold exactly', async () => {
    for (const position of [[2 ** 53], [9223372036854775808], [-1], [1.5], ['1']]) {
      await expect(
        listLedger(db.pool, { userId: 'user-1', limit: 10, cursor: cursorOf(position) }),
      ).rejects.toThrow(invalidCursor);
    }
  });

  it('GET /users/:userId/entitlements answers 400, not 500, for a tampered cursor', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/users/user-1/entitlements?cursor=${entitlementCursor}`,
    });
    expectCursorRefused(response);
  });
});
