import { Type } from 'typebox';
import { HttpError, IdText, ProblemResponse, type ReadRoutes } from '@inlet/service-kit';
import { readEngagement } from '../queries/engagement.js';
import { ElementEngagement, ElementText, EngagementRange, UserEngagement } from './schemas.js';

/** YYYY-MM-DD strings compare as the days they name. */
function checkedRange(range: EngagementRange): EngagementRange {
  if (range.from !== undefined && range.to !== undefined && range.from > range.to) {
    throw new HttpError(
      'INLET_DATE_RANGE_INVALID',
      400,
      `from (${range.from}) is after to (${range.to})`,
      '/querystring/from',
    );
  }
  return range;
}

/**
 * Daily engagement counters (views, clicks, interactions) of one element or one user, between two UTC days
 * (both included; either may be left out). Something nobody interacted with has no days: 200, not 404.
 */
export const engagementRoutes: ReadRoutes = async (app, { db }) => {
  app.get(
    '/engagement/elements/:element',
    {
      schema: {
        params: Type.Object({ element: ElementText }),
        querystring: EngagementRange,
        response: { 200: ElementEngagement, 400: ProblemResponse },
      },
    },
    async (request) => {
      const range = checkedRange(request.query);
      const { element } = request.params;
      const engagement = await readEngagement(db, 'element', element, range);
      return { element, from: range.from ?? null, to: range.to ?? null, ...engagement };
    },
  );

  app.get(
    '/engagement/users/:userId',
    {
      schema: {
        params: Type.Object({ userId: IdText() }),
        querystring: EngagementRange,
        response: { 200: UserEngagement, 400: ProblemResponse },
      },
    },
    async (request) => {
      const range = checkedRange(request.query);
      const { userId } = request.params;
      const engagement = await readEngagement(db, 'user', userId, range);
      return { userId, from: range.from ?? null, to: range.to ?? null, ...engagement };
    },
  );
};
