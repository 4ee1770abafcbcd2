import { Type } from 'typebox';
import { IdText, ProblemResponse, type ReadRoutes } from '@inlet/service-kit';
import { readProgress } from '../queries/progress.js';
import { Progress } from './schemas.js';

/**
 * A learner's completed modules, submitted assessments and completed courses. A learner the service has
 * never heard of has made no progress yet: 200 with empty lists, not 404 (no event names every learner).
 */
export const progressRoutes: ReadRoutes = async (app, { db }) => {
  app.get(
    '/progress/:userId',
    {
      schema: {
        params: Type.Object({ userId: IdText() }),
        querystring: Type.Object({ contextId: Type.Optional(IdText()) }),
        response: { 200: Progress, 400: ProblemResponse },
      },
    },
    async (request) => readProgress(db, request.params.userId, request.query.contextId),
  );
};
