import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { HttpError } from './problem.js';

/**
 * Ajv coerces a query value such as "1e309" to Infinity and then skips minimum and maximum for it (its numeric
 * keywords check finite numbers only), so `limit=1e309` would pass validation and fail in the database as
 * "Infinity". This refuses any number in the query string or path that is not finite, as the invalid request
 * it is: 400 INLET_REQUEST_INVALID naming the parameter.
 */
export const finiteNumbers = fp(async (app: FastifyInstance) => {
  app.addHook('preHandler', async (request) => {
    const parts = [
      ['querystring', request.query],
      ['params', request.params],
    ] as const;
    for (const [part, values] of parts) {
      if (typeof values !== 'object' || values === null) continue;
      for (const [name, value] of Object.entries(values)) {
        const numbers: unknown[] = Array.isArray(value) ? value : [value];
        if (numbers.some((n) => typeof n === 'number' && !Number.isFinite(n))) {
          throw new HttpError(
            'INLET_REQUEST_INVALID',
            400,
            `${name} must be a finite number`,
            `/${part}/${name}`,
          );
        }
      }
    }
  });
});
