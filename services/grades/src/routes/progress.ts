import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../db.js';
import { readProgress } from '../queries/progress.js';
import { idSchema, problemSchema, progressSchema } from './schemas.js';

/**
 * A learner's completed modules, submitted assessments and completed courses. A learner the service has
 * never heard of has made no progress yet: 200 with empty lists, not 404 (no event names every learner).
 */
export async function progressRoutes(app: FastifyInstance, { db }: { db: Queryable }): Promise<void> {
  app.get<{ Params: { userId: string }; Querystring: { contextId?: string } }>(
    '/progress/:userId',
    {
      schema: {
        params: { type: 'object', required: ['userId'], properties: { userId: idSchema } },
        querystring: { type: 'object', properties: { contextId: idSchema } },
        response: { 200: progressSchema, 400: problemSchema },
      },
    },
    async (request) => readProgress(db, request.params.userId, request.query.contextId),
  );
}
