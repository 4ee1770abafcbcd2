import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@inlet/test-harness';
import type { Queryable } from '../consumer-service/pool.js';
import type { ConsumerHealth, ServiceAppOptions } from '../consumer-service/service-app.js';
import type { ServiceMetrics } from '../consumer-service/service-metrics.js';

/** What the suites need of a defined consumer service (defineConsumerService gives all of it). */
export interface ServiceUnderTest {
  name: string;
  buildApp(options: ServiceAppOptions): Promise<FastifyInstance>;
  createMetrics(): ServiceMetrics<unknown>;
}

/**
 * The HTTP operations every consumer service answers the same way (the kit builds them): liveness, readiness
 * from the consumer and the database, 500s that never leak a database error, Prometheus metrics and
 * problem+json for unknown routes. `readPath` is one of the service's reads.
 */
export function describeReadApiOperations(service: ServiceUnderTest, { readPath }: { readPath: string }) {
  describe(`${service.name} read API operations`, () => {
    let database: TestDatabase;
    let pool: pg.Pool;
    let app: FastifyInstance;
    let consumer: ConsumerHealth = { running: true };

    beforeAll(async () => {
      database = await createTestDatabase();
      pool = new pg.Pool({ connectionString: database.url, max: 2 });
      app = await service.buildApp({
        pool,
        consumerStatus: () => consumer,
        metrics: service.createMetrics(),
      });
    });
    afterAll(async () => {
      await app?.close();
      await pool?.end();
      await database?.drop();
    });

    const get = (url: string) => app.inject({ method: 'GET', url });

    it('live always; ready while the consumer runs and the database answers', async () => {
      expect((await get('/health/live')).json()).toEqual({ status: 'ok' });
      expect((await get('/health/ready')).json()).toEqual({
        status: 'ready',
        checks: { consumer: 'ok', database: 'ok' },
      });
    });

    it('503 with the reason while the consumer is not running', async () => {
      consumer = { running: false, lastError: `topic inlet.${service.name}.v1 does not exist` };
      try {
        const response = await get('/health/ready');
        expect(response.statusCode).toBe(503);
        expect(response.json()).toEqual({
          status: 'not ready',
          checks: { consumer: 'failing', database: 'ok' },
          reasons: [`consumer: topic inlet.${service.name}.v1 does not exist`],
        });
      } finally {
        consumer = { running: true };
      }
    });

    it('503 while the database does not answer; reads fail with a 500 that says nothing about it', async () => {
      const broken: Queryable = {
        query: async () => {
          throw new Error('connect ECONNREFUSED postgres://reader:s3cret@db:5432');
        },
      };
      const cut = await service.buildApp({
        pool: broken,
        consumerStatus: () => ({ running: true }),
        metrics: service.createMetrics(),
      });
      try {
        const ready = await cut.inject({ method: 'GET', url: '/health/ready' });
        expect(ready.statusCode).toBe(503);
        expect(ready.json()).toMatchObject({ checks: { database: 'failing', consumer: 'ok' } });

        const read = await cut.inject({ method: 'GET', url: readPath });
        expect(read.statusCode).toBe(500);
        expect(read.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(read.json()).toMatchObject({
          code: 'INLET_INTERNAL',
          detail: 'an unexpected error occurred; it has been logged',
        });
        expect(read.body).not.toContain('s3cret');
      } finally {
        await cut.close();
      }
    });

    it('serves Prometheus metrics, and problem+json for unknown routes', async () => {
      await get(readPath);
      const metrics = await get('/metrics');
      expect(metrics.statusCode).toBe(200);
      expect(metrics.body).toContain(`inlet_${service.name}_http_request_duration_seconds_bucket`);
      expect(metrics.body).toContain(`inlet_${service.name}_process_cpu_seconds_total`);

      const unknown = await get('/nothing-here');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(unknown.json()).toMatchObject({ code: 'INLET_ROUTE_NOT_FOUND' });
    });
  });
}
