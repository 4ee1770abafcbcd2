import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../db.js';
import { MembershipError } from '../errors.js';
import { findMember, listRoster } from '../queries/members.js';
import { memberFilter, type ListQuery } from './list-query.js';
import {
  idSchema,
  listQuerySchema,
  memberPageSchema,
  memberWithHistorySchema,
  problemSchema,
} from './schemas.js';

interface MemberParams {
  contextId: string;
  userId: string;
}

/** A course's roster (a page at a time), and one member of it with its history. */
export async function memberRoutes(app: FastifyInstance, { db }: { db: Queryable }): Promise<void> {
  app.get<{ Params: { contextId: string }; Querystring: ListQuery }>(
    '/contexts/:contextId/members',
    {
      schema: {
        params: { type: 'object', required: ['contextId'], properties: { contextId: idSchema } },
        querystring: listQuerySchema,
        response: { 200: memberPageSchema, 400: problemSchema },
      },
    },
    // A course nobody was ever added to has an empty roster (200), not 404: no event names every course.
    async (request) => listRoster(db, request.params.contextId, memberFilter(request.query)),
  );

  app.get<{ Params: MemberParams }>(
    '/contexts/:contextId/members/:userId',
    {
      schema: {
        params: {
          type: 'object',
          required: ['contextId', 'userId'],
          properties: { contextId: idSchema, userId: idSchema },
        },
        response: { 200: memberWithHistorySchema, 400: problemSchema, 404: problemSchema },
      },
    },
    // A removed member is answered (status 'removed', with its history): history matters.
    async (request) => {
      const { contextId, userId } = request.params;
      const member = await findMember(db, contextId, userId);
      if (!member) {
        throw new MembershipError('INLET_MEMBER_NOT_FOUND', 404, 'no membership of this user in this course');
      }
      return member;
    },
  );
}
