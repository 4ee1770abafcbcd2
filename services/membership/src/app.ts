import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  databaseCheck,
  finiteNumbers,
  frameworkProblems,
  healthRoutes,
  problemDetails,
  requestLog,
  type HealthReport,
} from '@inlet/service-kit';
import type { Queryable } from './db.js';
import { maxIdLength } from './roster/limits.js';
import type { MembershipMetrics } from './metrics.js';
import { memberRoutes } from './routes/members.js';
import { userContextRoutes } from './routes/user-contexts.js';

/** What readiness needs of the consumer: ServiceConsumer.status() gives at least this. */
export interface ConsumerHealth {
  running: boolean;
  lastError?: string;
}

export interface AppOptions {
  /** The service's pool (or anything that answers queries the same way). */
  pool: Queryable;
  /** The consumer's status, for readiness. */
  consumerStatus: () => ConsumerHealth;
  metrics: MembershipMetrics;
  /** The WebhookHealth report served at GET /health. */
  health?: () => HealthReport;
  logger?: FastifyServerOptions['loggerInstance'] | boolean;
}

/** The read API as a Fastify instance that does not listen: main.ts listens, tests use inject(). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(typeof options.logger === 'object'
      ? { loggerInstance: options.logger }
      : { logger: options.logger ?? false }),
    // Reads are small and quick; a stuck socket must not hold a slot forever.
    requestTimeout: 30_000,
    return503OnClosing: true,
    // A URL the router cannot decode, or a path parameter past maxParamLength: problem+json like the rest.
    frameworkErrors: frameworkProblems,
    // Members are addressed by course and user id in the path. Fastify refuses params over 100 characters
    // (414), but ids may be up to maxIdLength characters, each up to 4 UTF-8 bytes sent as %XX.
    routerOptions: { maxParamLength: maxIdLength * 12 },
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
  await app.register(memberRoutes, { db: options.pool });
  await app.register(userContextRoutes, { db: options.pool });
  return app;
}
