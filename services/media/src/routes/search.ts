import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../db.js';
import { decodeCursor } from '@inlet/service-kit';
import { isSearchCursor, searchSegments } from '../queries/search.js';
import { cursorSchema, idSchema, problemSchema, searchPageSchema } from './schemas.js';

export const maxSearchPageSize = 100;

interface SearchQuery {
  q: string;
  videoId?: string;
  limit: number;
  cursor?: string;
}

/** Full-text search over every stored transcript, or one video's (videoId). */
export async function searchRoutes(app: FastifyInstance, { db }: { db: Queryable }): Promise<void> {
  app.get<{ Querystring: SearchQuery }>(
    '/search',
    {
      schema: {
        querystring: {
          type: 'object',
          required: ['q'],
          properties: {
            // Web-search syntax: words, "a phrase", or, -word. Bounded: it becomes a tsquery. At least one
            // character that is not whitespace, and no U+0000 (PostgreSQL text cannot hold it).
            q: {
              type: 'string',
              minLength: 1,
              maxLength: 500,
              pattern: '^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$',
            },
            videoId: idSchema,
            limit: { type: 'integer', minimum: 1, maximum: maxSearchPageSize, default: 20 },
            cursor: cursorSchema,
          },
        },
        response: { 200: searchPageSchema, 400: problemSchema },
      },
    },
    async (request) => {
      const { q, videoId, limit, cursor } = request.query;
      return searchSegments(db, {
        q,
        limit,
        ...(videoId !== undefined ? { videoId } : {}),
        ...(cursor !== undefined ? { after: decodeCursor(cursor, isSearchCursor) } : {}),
      });
    },
  );
}
