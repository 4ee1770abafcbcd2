import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface RequestLogOptions {
  /** Extra fields for the line (the ingress adds source, event type and eventId). Never headers or bodies. */
  fields?: (request: FastifyRequest) => Record<string, unknown>;
  /** Called with every request's route, status and duration, e.g. to feed a latency histogram. */
  observe?: (route: string, status: number, seconds: number) => void;
}

const quietRoutes = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/**
 * One log line per request: method, route pattern (never the query string: it may name people), status,
 * latency, the problem code when refused, and the service's own fields. Fastify's two lines per request are
 * switched off by the app (LogController with disableRequestLogging).
 */
export const requestLog = fp(async (app: FastifyInstance, options: RequestLogOptions = {}) => {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unknown';
    options.observe?.(route, reply.statusCode, reply.elapsedTime / 1000);
    const line = {
      method: request.method,
      route,
      ...options.fields?.(request),
      status: reply.statusCode,
      latencyMs: Math.round(reply.elapsedTime * 100) / 100,
      ...(request.problemCode ? { code: request.problemCode } : {}),
    };
    // Kubernetes probes and Prometheus scrapes every few seconds would drown the real traffic.
    if (quietRoutes.has(route)) request.log.debug(line, 'request');
    else request.log.info(line, 'request');
  });
});
