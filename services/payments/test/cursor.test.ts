import { describe, expect, it } from 'vitest';
import { useReadApi } from '@inlet/service-kit/testing';
import { cursorOf, expectCursorRefused } from '@inlet/test-harness';
import { listEntitlements } from '../src/queries/entitlements.js';
import { listLedger } from '../src/queries/ledger.js';
import { payments } from '../src/service.js';

// Positions a client can forge that the old checks let through to the query, which failed (500).
const entitlementCursor = cursorOf(['course\u0000']);

describe('payments cursors', () => {
  const api = useReadApi(payments);

  const invalidCursor = expect.objectContaining({
    code: 'INLET_CURSOR_INVALID',
    statusCode: 400,
    field: '/querystring/cursor',
  });

  it('refuses an entitlement position PostgreSQL text cannot hold', async () => {
    await expect(
      listEntitlements(api.db.pool, 'user-1', { limit: 10, cursor: entitlementCursor }),
    ).rejects.toThrow(invalidCursor);
  });

  it('refuses ledger positions beyond what bigint and a JavaScript number hold exactly', async () => {
    for (const position of [[2 ** 53], [9223372036854775808], [-1], [1.5], ['1']]) {
      await expect(
        listLedger(api.db.pool, { userId: 'user-1', limit: 10, cursor: cursorOf(position) }),
      ).rejects.toThrow(invalidCursor);
    }
  });

  it('GET /users/:userId/entitlements answers 400, not 500, for a tampered cursor', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: `/users/user-1/entitlements?cursor=${entitlementCursor}`,
    });
    expectCursorRefused(response);
  });
});
