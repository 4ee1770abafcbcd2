import { ProblemResponse, type ReadRoutes } from '@inlet/service-kit';
import { listEntitlements } from '../queries/entitlements.js';
import { listLedger } from '../queries/ledger.js';
import { EntitlementPage, EntitlementQuery, LedgerPage, LedgerQuery, UserParams } from './schemas.js';

/**
 * What a user has paid and what it unlocks. A user the service has never heard of has an empty ledger and no
 * entitlements: 200 with empty lists, not 404 (no event names every user).
 */
export const userRoutes: ReadRoutes = async (app, { db }) => {
  app.get(
    '/users/:userId/ledger',
    {
      schema: {
        params: UserParams,
        querystring: LedgerQuery,
        response: { 200: LedgerPage, 400: ProblemResponse },
      },
    },
    async (request) => listLedger(db, { ...request.query, userId: request.params.userId }),
  );

  app.get(
    '/users/:userId/entitlements',
    {
      schema: {
        params: UserParams,
        querystring: EntitlementQuery,
        response: { 200: EntitlementPage, 400: ProblemResponse },
      },
    },
    async (request) => listEntitlements(db, request.params.userId, request.query),
  );
};
