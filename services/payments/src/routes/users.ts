import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../db.js';
import { listEntitlements } from '../queries/entitlements.js';
import { listLedger } from '../queries/ledger.js';
import {
  entitlementPageSchema,
  idSchema,
  ledgerPageSchema,
  pageQuerySchema,
  problemSchema,
} from './schemas.js';

interface UserParams {
  userId: string;
}

interface PageQuery {
  limit: number;
  cursor?: string;
}

const userParams = { type: 'object', required: ['userId'], properties: { userId: idSchema } } as const;

/**
 * What a user has paid and what it unlocks. A user the service has never heard of has an empty ledger and no
 * entitlements: 200 with empty lists, not 404 (no event names every user).
 */
export async function userRoutes(app: FastifyInstance, { db }: { db: Queryable }): Promise<void> {
  app.get<{ Params: UserParams; Querystring: PageQuery & { paymentId?: string } }>(
    '/users/:userId/ledger',
    {
      schema: {
        params: userParams,
        querystring: {
          type: 'object',
          properties: { paymentId: idSchema, ...pageQuerySchema },
        },
        response: { 200: ledgerPageSchema, 400: problemSchema },
      },
    },
    async (request) => {
      const { paymentId, limit, cursor } = request.query;
      return listLedger(db, {
        userId: request.params.userId,
        limit,
        ...(paymentId !== undefined ? { paymentId } : {}),
        ...(cursor !== undefined ? { cursor } : {}),
      });
    },
  );

  app.get<{ Params: UserParams; Querystring: PageQuery }>(
    '/users/:userId/entitlements',
    {
      schema: {
        params: userParams,
        querystring: { type: 'object', properties: pageQuerySchema },
        response: { 200: entitlementPageSchema, 400: problemSchema },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      return listEntitlements(db, request.params.userId, {
        limit,
        ...(cursor !== undefined ? { cursor } : {}),
      });
    },
  );
}
