import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { finiteNumbers } from '../finite-numbers.js';
import type { HealthReport } from '../health-report.js';
import { databaseCheck, healthRoutes } from '../health-routes.js';
import { frameworkProblems, problemDetails } from '../problem-details.js';
import { requestLog } from '../request-log.js';
import type { Queryable } from './pool.js';
import type { ServiceMetrics } from './service-metrics.js';

/** What readiness needs of the consumer: ServiceConsumer.status() gives at least this. */
export interface ConsumerHealth {
  running: boolean;
  lastError?: string;
}

/**
 * Every read route plugin of a service is registered with the pool it reads from. Its route schemas are TypeBox
 * schemas, so a handler's request and reply types are those schemas' own.
 */
export type ReadRoutes = FastifyPluginAsyncTypebox<{ db: Queryable }>;

export interface ServiceAppOptions {
  /** The service's pool (or anything that answers queries the same way). */
  pool: Queryable;
  /** The consumer's status, for readiness. */
  consumerStatus: () => ConsumerHealth;
  metrics: ServiceMetrics<unknown>;
  /** The WebhookHealth report served at GET /health. */
  health?: () => HealthReport;
  logger?: FastifyServerOptions['loggerInstance'] | boolean;
}

export interface ServiceAppShape {
  routes: readonly ReadRoutes[];
  /**
   * Longest path parameter the router passes to the routes (their schemas bound it); Fastify's own default of
   * 100 would answer 404 instead of the route's 400 for a longer one.
   */
  maxParamLength: number;
}

/**
 * A consumer service's HTTP side, built but not listening (the lifecycle listens; tests use inject()):
 * problem+json errors, one log line per request, health, readiness and metrics, then the service's read routes.
 */
export async function buildServiceApp(
  { routes, maxParamLength }: ServiceAppShape,
  options: ServiceAppOptions,
): Promise<FastifyInstance> {
  const app = Fastify({
    ...(typeof options.logger === 'object'
      ? { loggerInstance: options.logger }
      : { logger: options.logger ?? false }),
    // Reads are small and quick; a stuck socket must not hold a slot forever.
    requestTimeout: 30_000,
    routerOptions: { maxParamLength },
    return503OnClosing: true,
    // A URL the router cannot decode, or a path parameter past maxParamLength: problem+json like the rest.
    frameworkErrors: frameworkProblems,
    // Fastify's two lines per request are replaced by the kit's one line that says what happened.
    logController: new LogController({ disableRequestLogging: true }),
  });

  await app.register(requestLog, {
    observe: (route: string, status: number, seconds: number) =>
      options.metrics.requestDuration.observe({ route, status: String(status) }, seconds),
  });
  await app.register(problemDetails);
  await app.register(finiteNumbers);
  await app.register(healthRoutes, {
    readiness: {
      consumer: () => {
        const status = options.consumerStatus();
        return status.running ? { ok: true } : { ok: false, reason: status.lastError ?? 'not running' };
      },
      database: databaseCheck(options.pool),
    },
    registry: options.metrics.registry,
    ...(options.health ? { report: options.health } : {}),
  });
  for (const plugin of routes) await app.register(plugin, { db: options.pool });
  return app;
}
