import { ProblemResponse, type ReadRoutes } from '@inlet/service-kit';
import { searchCursor, searchSegments } from '../queries/search.js';
import { SearchPage, SearchQuery } from './schemas.js';

/** Full-text search over every stored transcript, or one video's (videoId). */
export const searchRoutes: ReadRoutes = async (app, { db }) => {
  app.get(
    '/search',
    { schema: { querystring: SearchQuery, response: { 200: SearchPage, 400: ProblemResponse } } },
    async (request) => {
      const { q, videoId, limit, cursor } = request.query;
      return searchSegments(db, {
        q,
        limit,
        ...(videoId !== undefined ? { videoId } : {}),
        ...(cursor !== undefined ? { after: searchCursor.decode(cursor) } : {}),
      });
    },
  );
};
