import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../db.js';
import { GradesError } from '../errors.js';
import { decodeCursor } from '../queries/cursor.js';
import { findGrade, listGrades } from '../queries/gradebook.js';
import { gradeSchema, idSchema, problemSchema } from './schemas.js';

export const maxPageSize = 200;

interface ListQuery {
  userId: string;
  contextId?: string;
  includeDeleted: boolean;
  limit: number;
  cursor?: string;
}

interface GradeParams {
  userId: string;
  resourceLinkId: string;
}

/** The gradebook: a learner's grades (a page at a time), and one grade. */
export async function gradeRoutes(app: FastifyInstance, { db }: { db: Queryable }): Promise<void> {
  app.get<{ Querystring: ListQuery }>(
    '/grades',
    {
      schema: {
        querystring: {
          type: 'object',
          required: ['userId'],
          properties: {
            userId: idSchema,
            contextId: idSchema,
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
              items: { type: 'array', items: gradeSchema },
              nextCursor: { type: ['string', 'null'] },
            },
          },
          400: problemSchema,
        },
      },
    },
    async (request) => {
      const { userId, contextId, includeDeleted, limit, cursor } = request.query;
      return listGrades(db, {
        userId,
        includeDeleted,
        limit,
        ...(contextId !== undefined ? { contextId } : {}),
        ...(cursor !== undefined ? { after: decodeCursor(cursor) } : {}),
      });
    },
  );

  app.get<{ Params: GradeParams; Querystring: { includeDeleted: boolean } }>(
    '/grades/:userId/:resourceLinkId',
    {
      schema: {
        params: {
          type: 'object',
          required: ['userId', 'resourceLinkId'],
          properties: { userId: idSchema, resourceLinkId: idSchema },
        },
        querystring: {
          type: 'object',
          properties: { includeDeleted: { type: 'boolean', default: false } },
        },
        response: { 200: gradeSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const { userId, resourceLinkId } = request.params;
      const grade = await findGrade(db, userId, resourceLinkId);
      if (!grade) {
        throw new GradesError('INLET_GRADE_NOT_FOUND', 404, 'no grade for this user and resource link');
      }
      if (grade.deleted && !request.query.includeDeleted) {
        throw new GradesError(
          'INLET_GRADE_NOT_FOUND',
          404,
          `the grade was deleted at ${grade.lastEventAt} (includeDeleted=true shows the tombstone)`,
        );
      }
      return grade;
    },
  );
}
