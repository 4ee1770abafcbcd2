import { Writable } from 'node:stream';
import Fastify, { LogController } from 'fastify';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import {
  createLogger,
  databaseCheck,
  healthRoutes,
  HttpError,
  problemDetails,
  requestLog,
  type CodedError,
} from '../src/index.js';

async function buildTestApp(lines: string[] = []) {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const app = Fastify({
    loggerInstance: createLogger({ service: 'kit-test', level: 'info', destination: sink }),
    logController: new LogController({ disableRequestLogging: true }),
  });
  let ready = true;
  await app.register(requestLog, { fields: () => ({ tenant: 'demo' }) });
  await app.register(problemDetails, {
    translate: (error: CodedError) =>
      error.code === 'UPSTREAM_DOWN' ? { ...error, statusCode: 503, retryAfterSeconds: 7 } : undefined,
  });
  await app.register(healthRoutes, {
    readiness: { upstream: () => (ready ? { ok: true } : { ok: false, reason: 'gone' }) },
    registry: new Registry(),
  });
  app.get(
    '/items/:id',
    { schema: { params: { type: 'object', properties: { id: { type: 'integer' } } } } },
    async () => {
      throw new HttpError('INLET_ITEM_NOT_FOUND', 404, 'no such item');
    },
  );
  app.get('/boom', async () => {
    throw new Error('connect ECONNREFUSED postgres://user:hunter2@db');
  });
  app.get('/upstream', async () => {
    throw Object.assign(new Error('upstream is down'), { code: 'UPSTREAM_DOWN' });
  });
  return { app, setReady: (value: boolean) => (ready = value) };
}

describe('service kit', () => {
  it('answers coded errors as problem+json, validation errors with the field, bugs as a bare 500', async () => {
    const { app } = await buildTestApp();
    const notFound = await app.inject({ url: '/items/3' });
    expect(notFound.statusCode).toBe(404);
    expect(notFound.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(notFound.json()).toMatchObject({
      code: 'INLET_ITEM_NOT_FOUND',
      status: 404,
      instance: '/items/3',
    });

    const invalid = await app.inject({ url: '/items/abc' });
    expect(invalid.json()).toMatchObject({ status: 400, code: 'INLET_REQUEST_INVALID', field: '/params/id' });

    const bug = await app.inject({ url: '/boom' });
    expect(bug.statusCode).toBe(500);
    expect(bug.body).not.toContain('hunter2');
    expect(bug.json()).toMatchObject({ code: 'INLET_INTERNAL' });

    const upstream = await app.inject({ url: '/upstream' });
    expect(upstream.statusCode).toBe(503);
    expect(upstream.headers['retry-after']).toBe('7');

    const noRoute = await app.inject({ url: '/nope' });
    expect(noRoute.json()).toMatchObject({ status: 404, code: 'INLET_ROUTE_NOT_FOUND' });
  });

  it('writes one line per request with the service fields and the problem code', async () => {
    const lines: string[] = [];
    const { app } = await buildTestApp(lines);
    await app.inject({ url: '/items/3?email=someone@example.com' });
    const line = lines
      .map((text) => JSON.parse(text) as Record<string, unknown>)
      .find((entry) => entry.msg === 'request');
    expect(line).toMatchObject({
      service: 'kit-test',
      route: '/items/:id',
      status: 404,
      code: 'INLET_ITEM_NOT_FOUND',
      tenant: 'demo',
    });
    expect(lines.join('\n')).not.toContain('someone@example.com');
  });

  it('is ready only while every check is ok, and names the failing one', async () => {
    const { app, setReady } = await buildTestApp();
    expect((await app.inject({ url: '/health/ready' })).statusCode).toBe(200);
    setReady(false);
    const notReady = await app.inject({ url: '/health/ready' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toMatchObject({
      status: 'not ready',
      checks: { upstream: 'failing' },
      reasons: ['upstream: gone'],
    });
    expect((await app.inject({ url: '/health/live' })).statusCode).toBe(200);
  });

  it('checks a database with a bounded query', async () => {
    expect(await databaseCheck({ query: async () => ({}) })()).toEqual({ ok: true });
    const hanging = databaseCheck({ query: () => new Promise(() => undefined) }, 50);
    expect(await hanging()).toEqual({ ok: false, reason: 'no answer within 50 ms' });
  });
});
