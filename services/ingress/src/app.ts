import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import fastifySwagger from '@fastify/swagger';
import type { Redis } from 'ioredis';
import type { KafkaConnectivity } from '@inlet/kafka-runtime/producer';
import type { AcceptDependencies } from './pipeline/accept-webhook.js';
import {
  frameworkProblems,
  healthRoutes,
  problemDetails,
  requestLog,
  type CodedError,
  type HealthReport,
} from '@inlet/service-kit/service';
import { dependencyUnavailable } from './plugins/unavailable.js';
import { eventInvalid } from './plugins/event-invalid.js';
import { webhookRoutes } from './routes/webhooks.js';
import type { IngressMetrics } from './metrics.js';
import type { RateLimit, Source } from './sources/types.js';

/** Generous for a misconfigured sender's retries, tight for a flood of guesses. */
export const DEFAULT_AUTH_FAILURE_LIMIT: RateLimit = { max: 30, windowSeconds: 60 };

export interface AppOptions {
  sources: Source[];
  pipeline: AcceptDependencies;
  metrics: IngressMetrics;
  kafka: Pick<KafkaConnectivity, 'reachable' | 'lastError'>;
  bodyLimit: number;
  /** What the bodies of all webhooks being handled may add up to; 503 beyond. Default: 32 bodies at the limit. */
  maxInFlightBytes?: number;
  retryAfterSeconds: number;
  /** Proxies whose X-Forwarded-For is believed (IPs/CIDRs); none: the socket address is the client. */
  trustedProxies: string[];
  redis?: Redis;
  /** Failed authentications a client address may make per window before its failures get 429. */
  authFailureLimit?: RateLimit;
  /** The WebhookHealth report served at GET /health. */
  health?: () => HealthReport;
  logger?: FastifyServerOptions['loggerInstance'] | boolean;
}

/** The ingress as a Fastify instance that does not listen: main.ts listens, tests use inject(). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(typeof options.logger === 'object'
      ? { loggerInstance: options.logger }
      : { logger: options.logger ?? false }),
    bodyLimit: options.bodyLimit,
    trustProxy: options.trustedProxies.length > 0 ? options.trustedProxies : false,
    // The sender's retry needs no body; a stuck socket must not hold a slot forever.
    requestTimeout: 30_000,
    return503OnClosing: true,
    // A URL the router cannot decode, or a path parameter past maxParamLength: problem+json like the rest.
    frameworkErrors: frameworkProblems,
    // Fastify's two lines per request are replaced by the kit's one line that says what happened.
    logController: new LogController({ disableRequestLogging: true }),
  });

  await app.register(requestLog, {
    // Never headers or bodies: signatures, keys and tokens live there.
    fields: (request: FastifyRequest) => ({
      source: request.inletSource?.id,
      ...request.inletOutcome,
      ip: request.ip,
    }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Inlet ingress',
        version: '1.0.0',
        description: 'Authenticated webhooks in, Avro events on Kafka out.',
      },
    },
  });
  const unavailable = dependencyUnavailable(options.retryAfterSeconds);
  await app.register(problemDetails, {
    translate: (error: CodedError) => unavailable(error) ?? eventInvalid(error),
  });
  await app.register(healthRoutes, {
    readiness: {
      kafka: () =>
        options.kafka.reachable
          ? { ok: true }
          : { ok: false, reason: options.kafka.lastError ?? 'unreachable' },
    },
    registry: options.metrics.registry,
    ...(options.health ? { report: options.health } : {}),
  });
  await app.register(webhookRoutes, {
    sources: options.sources,
    pipeline: options.pipeline,
    metrics: options.metrics,
    bodyLimit: options.bodyLimit,
    maxInFlightBytes: options.maxInFlightBytes ?? 32 * options.bodyLimit,
    retryAfterSeconds: options.retryAfterSeconds,
    authFailureLimit: options.authFailureLimit ?? DEFAULT_AUTH_FAILURE_LIMIT,
    ...(options.redis ? { redis: options.redis } : {}),
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
