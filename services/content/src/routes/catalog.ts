import { Type } from 'typebox';
import { IdText, ProblemResponse, notFound, visibleOr404, type ReadRoutes } from '@inlet/service-kit';
import { findContent, listContent } from '../queries/catalog.js';
import { ContentDetail, ContentPage, ListContentQuerystring } from './schemas.js';

/** The content catalog: a course's items (a page at a time), and one item with its text. */
export const catalogRoutes: ReadRoutes = async (app, { db }) => {
  app.get(
    '/contexts/:contextId/content',
    {
      schema: {
        params: Type.Object({ contextId: IdText() }),
        querystring: ListContentQuerystring,
        response: { 200: ContentPage, 400: ProblemResponse },
      },
    },
    // A course nothing was ever published in has an empty catalog: 200, not 404.
    async (request) => listContent(db, request.params.contextId, request.query),
  );

  app.get(
    '/content/:contentId',
    {
      schema: {
        params: Type.Object({ contentId: IdText() }),
        querystring: Type.Object({ includeDeleted: Type.Boolean({ default: false }) }),
        response: { 200: ContentDetail, 400: ProblemResponse, 404: ProblemResponse },
      },
    },
    async (request) => {
      const item =
        (await findContent(db, request.params.contentId)) ??
        notFound('INLET_CONTENT_NOT_FOUND', 'no content item with this id');
      return visibleOr404(item, request.query.includeDeleted, 'INLET_CONTENT_NOT_FOUND', 'the content item');
    },
  );
};
