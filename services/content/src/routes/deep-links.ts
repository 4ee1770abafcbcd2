import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../db.js';
import { ContentError } from '../errors.js';
import { findDeepLink } from '../queries/deep-links.js';
import { deepLinkSchema, idSchema, problemSchema } from './schemas.js';

/** One deep link, with its configuration object as the sender sent it. */
export async function deepLinkRoutes(app: FastifyInstance, { db }: { db: Queryable }): Promise<void> {
  app.get<{ Params: { linkId: string } }>(
    '/deep-links/:linkId',
    {
      schema: {
        params: { type: 'object', required: ['linkId'], properties: { linkId: idSchema } },
        response: { 200: deepLinkSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const link = await findDeepLink(db, request.params.linkId);
      if (!link) throw new ContentError('INLET_DEEP_LINK_NOT_FOUND', 404, 'no deep link with this id');
      return link;
    },
  );
}
