import { ProblemResponse, type ReadRoutes } from '@inlet/service-kit';
import { searchSegments } from '../queries/search.js';
import { SearchPage, SearchQuery } from './schemas.js';

/** Full-text search over every stored transcript, or one video's (videoId). */
export const searchRoutes: ReadRoutes = async (app, { db }) => {
  app.get(
    '/search',
    { schema: { querystring: SearchQuery, response: { 200: SearchPage, 400: ProblemResponse } } },
    async (request) => searchSegments(db, request.query),
  );
};
