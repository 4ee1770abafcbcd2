import { Type } from 'typebox';
import { ProblemResponse, notFound, type ReadRoutes } from '@inlet/service-kit';
import { findMember, listRoster } from '../queries/members.js';
import { memberFilter } from './list-query.js';
import { ListQuery, MemberId, MemberPage, MemberWithHistory } from './schemas.js';

/** A course's roster (a page at a time), and one member of it with its history. */
export const memberRoutes: ReadRoutes = async (app, { db }) => {
  app.get(
    '/contexts/:contextId/members',
    {
      schema: {
        params: Type.Object({ contextId: MemberId }),
        querystring: ListQuery,
        response: { 200: MemberPage, 400: ProblemResponse },
      },
    },
    // A course nobody was ever added to has an empty roster (200), not 404: no event names every course.
    async (request) => listRoster(db, request.params.contextId, memberFilter(request.query)),
  );

  app.get(
    '/contexts/:contextId/members/:userId',
    {
      schema: {
        params: Type.Object({ contextId: MemberId, userId: MemberId }),
        response: { 200: MemberWithHistory, 400: ProblemResponse, 404: ProblemResponse },
      },
    },
    // A removed member is answered (status 'removed', with its history): history matters.
    async (request) => {
      const { contextId, userId } = request.params;
      return (
        (await findMember(db, contextId, userId)) ??
        notFound('INLET_MEMBER_NOT_FOUND', 'no membership of this user in this course')
      );
    },
  );
};
