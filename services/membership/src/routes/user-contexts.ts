import { Type } from 'typebox';
import { ProblemResponse, type ReadRoutes } from '@inlet/service-kit';
import { listUserContexts } from '../queries/members.js';
import { memberFilter } from './list-query.js';
import { ListQuery, MemberId, MemberPage } from './schemas.js';

/**
 * The courses a user is a member of, with roles and status, a page at a time. A user the service never
 * heard of has none (200 with an empty list), not 404.
 */
export const userContextRoutes: ReadRoutes = async (app, { db }) => {
  app.get(
    '/users/:userId/contexts',
    {
      schema: {
        params: Type.Object({ userId: MemberId }),
        querystring: ListQuery,
        response: { 200: MemberPage, 400: ProblemResponse },
      },
    },
    async (request) => listUserContexts(db, request.params.userId, memberFilter(request.query)),
  );
};
