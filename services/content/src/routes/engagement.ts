import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../db.js';
import { ContentError } from '../errors.js';
import { readEngagement, type EngagementRange } from '../queries/engagement.js';
import { daySchema, elementSchema, engagementSchema, idSchema, problemSchema } from './schemas.js';

const rangeQuerystring = {
  type: 'object',
  properties: { from: daySchema, to: daySchema },
} as const;

/** YYYY-MM-DD strings compare as the days they name. */
function checkedRange(range: EngagementRange): EngagementRange {
  if (range.from !== undefined && range.to !== undefined && range.from > range.to) {
    throw new ContentError(
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
export async function engagementRoutes(app: FastifyInstance, { db }: { db: Queryable }): Promise<void> {
  app.get<{ Params: { element: string }; Querystring: EngagementRange }>(
    '/engagement/elements/:element',
    {
      schema: {
        params: { type: 'object', required: ['element'], properties: { element: elementSchema } },
        querystring: rangeQuerystring,
        response: { 200: engagementSchema('element'), 400: problemSchema },
      },
    },
    async (request) => {
      const range = checkedRange(request.query);
      const { element } = request.params;
      const engagement = await readEngagement(db, 'element', element, range);
      return { element, from: range.from ?? null, to: range.to ?? null, ...engagement };
    },
  );

  app.get<{ Params: { userId: string }; Querystring: EngagementRange }>(
    '/engagement/users/:userId',
    {
      schema: {
        params: { type: 'object', required: ['userId'], properties: { userId: idSchema } },
        querystring: rangeQuerystring,
        response: { 200: engagementSchema('userId'), 400: problemSchema },
      },
    },
    async (request) => {
      const range = checkedRange(request.query);
      const { userId } = request.params;
      const engagement = await readEngagement(db, 'user', userId, range);
      return { userId, from: range.from ?? null, to: range.to ?? null, ...engagement };
    },
  );
}
