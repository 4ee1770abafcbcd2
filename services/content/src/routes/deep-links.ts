import { Type } from 'typebox';
import { IdText, ProblemResponse, notFound, type ReadRoutes } from '@inlet/service-kit';
import { findDeepLink } from '../queries/deep-links.js';
import { DeepLink } from './schemas.js';

/** One deep link, with its configuration object as the sender sent it. */
export const deepLinkRoutes: ReadRoutes = async (app, { db }) => {
  app.get(
    '/deep-links/:linkId',
    {
      schema: {
        params: Type.Object({ linkId: IdText() }),
        response: { 200: DeepLink, 400: ProblemResponse, 404: ProblemResponse },
      },
    },
    async (request) =>
      (await findDeepLink(db, request.params.linkId)) ??
      notFound('INLET_DEEP_LINK_NOT_FOUND', 'no deep link with this id'),
  );
};
