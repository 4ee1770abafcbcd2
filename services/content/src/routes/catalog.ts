import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../db.js';
import { ContentError } from '../errors.js';
import { findContent, listContent } from '../queries/catalog.js';
import { decodeCursor } from '../queries/cursor.js';
import { contentDetailSchema, contentItemSchema, idSchema, problemSchema } from './schemas.js';

export const maxPageSize = 200;

interface ListQuery {
  type?: string;
  includeDeleted: boolean;
  limit: number;
  cursor?: string;
}

/** The content catalog: a course's items (a page at a time), and one item with its text. */
export async function catalogRoutes(app: FastifyInstance, { db }: { db: Queryable }): Promise<void> {
  app.get<{ Params: { contextId: string }; Querystring: ListQuery }>(
    '/contexts/:contextId/content',
    {
      schema: {
        params: { type: 'object', required: ['contextId'], properties: { contextId: idSchema } },
        querystring: {
          type: 'object',
          properties: {
            type: idSchema,
            includeDeleted: { type: 'boolean', default: false },
            limit: { type: 'integer', minimum: 1, maximum: maxPageSize, default: 50 },
            cursor: { type: 'string', minLength: 1, maxLength: 1024 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['items', 'nextCursor'],
            properties: {
              items: { type: 'array', items: contentItemSchema },
              nextCursor: { type: ['string', 'null'] },
            },
          },
          400: problemSchema,
        },
      },
    },
    // A course nothing was ever published in has an empty catalog: 200, not 404.
    async (request) => {
      const { type, includeDeleted, limit, cursor } = request.query;
      return listContent(db, {
        contextId: request.params.contextId,
        includeDeleted,
        limit,
        ...(type !== undefined ? { contentType: type } : {}),
        ...(cursor !== undefined ? { after: decodeCursor(cursor) } : {}),
      });
    },
  );

  app.get<{ Params: { contentId: string }; Querystring: { includeDeleted: boolean } }>(
    '/content/:contentId',
    {
      schema: {
        params: { type: 'object', required: ['contentId'], properties: { contentId: idSchema } },
        querystring: {
          type: 'object',
          properties: { includeDeleted: { type: 'boolean', default: false } },
        },
        response: { 200: contentDetailSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const item = await findContent(db, request.params.contentId);
      if (!item) {
        throw new ContentError('INLET_CONTENT_NOT_FOUND', 404, 'no content item with this id');
      }
      if (item.deleted && !request.query.includeDeleted) {
        throw new ContentError(
          'INLET_CONTENT_NOT_FOUND',
          404,
          `the content item was deleted at ${item.lastEventAt} (includeDeleted=true shows the tombstone)`,
        );
      }
      return item;
    },
  );
}
