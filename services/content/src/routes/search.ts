import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../db.js';
import { searchContent } from '../queries/search.js';
import { idSchema, problemSchema, searchResultsSchema, searchTextSchema } from './schemas.js';

export const maxSearchResults = 50;

interface SearchQuerystring {
  q: string;
  contextId?: string;
  type?: string;
  limit: number;
}

/**
 * Full-text search over titles and bodies. `q` is web-search syntax (words, "a phrase", or, -word); any text
 * is accepted, and one with no searchable word answers an empty list. Only a missing, empty or blank `q` is
 * the caller's error (400): there is nothing to search for.
 */
export async function searchRoutes(app: FastifyInstance, { db }: { db: Queryable }): Promise<void> {
  app.get<{ Querystring: SearchQuerystring }>(
    '/search',
    {
      schema: {
        querystring: {
          type: 'object',
          required: ['q'],
          properties: {
            q: searchTextSchema,
            contextId: idSchema,
            type: idSchema,
            limit: { type: 'integer', minimum: 1, maximum: maxSearchResults, default: 10 },
          },
        },
        response: { 200: searchResultsSchema, 400: problemSchema },
      },
    },
    async (request) => {
      const { q, contextId, type, limit } = request.query;
      const items = await searchContent(db, {
        text: q,
        limit,
        ...(contextId !== undefined ? { contextId } : {}),
        ...(type !== undefined ? { contentType: type } : {}),
      });
      return { items };
    },
  );
}
