import { ProblemResponse, type ReadRoutes } from '@inlet/service-kit';
import { searchContent } from '../queries/search.js';
import { SearchQuerystring, SearchResults } from './schemas.js';

/**
 * Full-text search over titles and bodies. `q` is web-search syntax (words, "a phrase", or, -word); any text
 * is accepted, and one with no searchable word answers an empty list. Only a missing, empty or blank `q` is
 * the caller's error (400): there is nothing to search for.
 */
export const searchRoutes: ReadRoutes = async (app, { db }) => {
  app.get(
    '/search',
    { schema: { querystring: SearchQuerystring, response: { 200: SearchResults, 400: ProblemResponse } } },
    async (request) => ({ items: await searchContent(db, request.query) }),
  );
};
