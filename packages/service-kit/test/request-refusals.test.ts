import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { finiteNumbers, frameworkProblems, problemDetails } from '../src/index.js';

// Requests Fastify refuses before any route runs, and numbers its validator lets through: each must be a 400
// problem+json with a code, like every other refusal, and never reach a handler.
async function buildApp() {
  const app = Fastify({ routerOptions: { maxParamLength: 20 }, frameworkErrors: frameworkProblems });
  await app.register(problemDetails);
  await app.register(finiteNumbers);
  const seen: unknown[] = [];
  app.get(
    '/items/:id',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 200 },
            weights: { type: 'array', items: { type: 'number' } },
          },
        },
      },
    },
    async (request) => {
      seen.push(request.query);
      return { ok: true };
    },
  );
  return { app, seen };
}

describe('refusals before and around validation', () => {
  it.each([
    ['a broken percent-escape', '/items/%'],
    ['a path parameter over maxParamLength', `/items/${'x'.repeat(21)}`],
  ])('%s: 400 problem+json INLET_REQUEST_INVALID', async (_, url) => {
    const { app } = await buildApp();
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 400, code: 'INLET_REQUEST_INVALID' });
    await app.close();
  });

  it('refuses numbers the validator coerces to Infinity, naming the parameter', async () => {
    const { app, seen } = await buildApp();
    for (const [query, field] of [
      ['limit=1e309', '/querystring/limit'],
      ['limit=-1e309', '/querystring/limit'],
      ['weights=1&weights=1e400', '/querystring/weights'],
    ]) {
      const response = await app.inject({ method: 'GET', url: `/items/a?${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ code: 'INLET_REQUEST_INVALID', field });
    }
    expect(seen).toEqual([]);
    expect((await app.inject({ method: 'GET', url: '/items/a?limit=200&weights=0.5' })).statusCode).toBe(200);
    await app.close();
  });
});
