import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../db.js';
import { listUserContexts } from '../queries/members.js';
import { memberFilter, type ListQuery } from './list-query.js';
import { idSchema, listQuerySchema, memberPageSchema, problemSchema } from './schemas.js';

/**
 * The courses a user is a member of, with roles and status, a page at a time. A user the service never
 * heard of has none (200 with an empty list), not 404.
 */
export async function userContextRoutes(app: FastifyInstance, { db }: { db: Queryable }): Promise<void> {
  app.get<{ Params: { userId: string }; Querystring: ListQuery }>(
    '/users/:userId/contexts',
    {
      schema: {
        params: { type: 'object', required: ['userId'], properties: { userId: idSchema } },
        querystring: listQuerySchema,
        response: { 200: memberPageSchema, 400: problemSchema },
      },
    },
    async (request) => listUserContexts(db, request.params.userId, memberFilter(request.query)),
  );
}
