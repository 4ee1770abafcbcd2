import fp from 'fastify-plugin';
import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's SERVER span as the active span: run work in it with `inRequestContext`. */
    traceContext?: Context;
    serverSpan?: Span;
  }
}

const tracer = trace.getTracer('@inlet/telemetry');

/**
 * A SERVER span per request, continuing the caller's W3C trace context when it sends one. Body parsing runs
 * outside the async context of onRequest, so handlers run their work inside `inRequestContext(request, ...)`
 * rather than relying on the active context.
 */
export const fastifyTracing = fp(async (app: FastifyInstance, options: { ignore?: string[] } = {}) => {
  const ignored = new Set(options.ignore ?? ['/health', '/health/live', '/health/ready', '/metrics']);
  app.addHook('onRequest', async (request) => {
    const route = request.routeOptions.url;
    if (!route || ignored.has(route)) return;
    const parent = propagation.extract(context.active(), request.headers);
    const span = tracer.startSpan(
      `${request.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': request.method,
          'http.route': route,
          'url.path': request.url.split('?')[0],
          'url.scheme': request.protocol,
          'client.address': request.ip,
        },
      },
      parent,
    );
    request.serverSpan = span;
    request.traceContext = trace.setSpan(parent, span);
  });
  app.addHook('onError', async (request, _reply, error) => {
    request.serverSpan?.recordException(error);
  });
  app.addHook('onResponse', async (request, reply) => {
    const span = request.serverSpan;
    if (!span) return;
    span.setAttribute('http.response.status_code', reply.statusCode);
    if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
});

/** Runs `work` with the request's span active, so spans and injected headers inside it join its trace. */
export function inRequestContext<T>(request: FastifyRequest, work: () => T): T {
  return request.traceContext ? context.with(request.traceContext, work) : work();
}

/** Adds attributes to the request's span (e.g. inlet.event_id once known). */
export function annotateRequest(request: FastifyRequest, attributes: Record<string, string | number>): void {
  request.serverSpan?.setAttributes(attributes);
}
