import { Type } from 'typebox';
import { ProblemResponse, notFound, visibleOr404, type ReadRoutes } from '@inlet/service-kit';
import { findGrade, listGrades } from '../queries/gradebook.js';
import { Grade, GradePage, GradeParams, ListGradesQuery } from './schemas.js';

/** The gradebook: a learner's grades (a page at a time), and one grade. */
export const gradeRoutes: ReadRoutes = async (app, { db }) => {
  app.get(
    '/grades',
    { schema: { querystring: ListGradesQuery, response: { 200: GradePage, 400: ProblemResponse } } },
    async (request) => listGrades(db, request.query),
  );

  app.get(
    '/grades/:userId/:resourceLinkId',
    {
      schema: {
        params: GradeParams,
        querystring: Type.Object({ includeDeleted: Type.Boolean({ default: false }) }),
        response: { 200: Grade, 400: ProblemResponse, 404: ProblemResponse },
      },
    },
    async (request) => {
      const { userId, resourceLinkId } = request.params;
      const grade =
        (await findGrade(db, userId, resourceLinkId)) ??
        notFound('INLET_GRADE_NOT_FOUND', 'no grade for this user and resource link');
      return visibleOr404(grade, request.query.includeDeleted, 'INLET_GRADE_NOT_FOUND', 'the grade');
    },
  );
};
