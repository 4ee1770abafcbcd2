import { subscribe, tracingChannel, type TracingChannel } from 'node:diagnostics_channel';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

/**
 * Traces every Fastify instance created after it is called, without wrapping anything: two hooks per request
 * and Fastify's own diagnostics channels.
 *
 * - `fastify.initialization` (published by `Fastify()`): adds the hooks to the new root instance.
 * - onRequest: the SERVER span, a child of the sender's `traceparent` (W3C), named by route
 *   (`POST /webhooks/lti/events`), which `annotateRequest` enriches. One span per request: the `request` span
 *   @fastify/otel put under it lasted as long and said nothing more, and each span costs CPU on every webhook.
 * - `tracing:fastify.request.handler`: Fastify runs the route handler through `runStores`, so the context
 *   manager activates the SERVER span's context for it (context-storage.ts: the handler and all it awaits;
 *   context-stack.ts: its synchronous part) and the producer and pg query spans become its children.
 * - onResponse (or onRequestAbort): the status code, then the span ends; the hooks after it (the request's
 *   log line) start inside the request's context, so their log lines carry its trace id.
 *
 * Probes and scrapes (`quietRoutes`) get no spans at all.
 */
export function traceFastify(options: {
  tracer: Tracer;
  contextManager: ChannelContextManager;
  quietRoutes: ReadonlySet<string>;
}): void {
  const { tracer, quietRoutes } = options;
  subscribe('fastify.initialization', (message) => {
    addTracingHooks((message as { fastify: FastifyInstance }).fastify, tracer, quietRoutes);
  });
  options.contextManager.bindToChannel(
    tracingChannel<unknown, HandlerMessage>('fastify.request.handler'),
    (message) => traceOf(message.request)?.context ?? ROOT_CONTEXT,
  );
}

/** A context manager that can activate a context for what a diagnostics TracingChannel traces. */
export interface ChannelContextManager {
  bindToChannel<M extends object>(
    channel: TracingChannel<unknown, M>,
    contextOf: (message: M) => Context,
  ): void;
}

interface HandlerMessage {
  request: FastifyRequest;
}

interface RequestTrace {
  server: Span;
  /** The sender's context with the SERVER span: the handler's active context. */
  context: Context;
}

const kTrace = Symbol('inlet.telemetry.trace');
type Traced = Record<typeof kTrace, RequestTrace | null>;

const traceOf = (request: FastifyRequest) => (request as unknown as Traced)[kTrace];

/** The SERVER span of a traced request (undefined when it is not traced). */
export function requestSpanOf(request: FastifyRequest): Span | undefined {
  return (request as Partial<Traced>)[kTrace]?.server;
}

/** The SERVER span's context (undefined when the request is not traced). */
export function requestContextOf(request: FastifyRequest): Context | undefined {
  return (request as Partial<Traced>)[kTrace]?.context;
}

function addTracingHooks(app: FastifyInstance, tracer: Tracer, quietRoutes: ReadonlySet<string>): void {
  // Declared up front, so every request object has the same shape (V8 keeps its fast paths).
  app.decorateRequest(kTrace, null);

  // Callback-style hooks: an async hook would cost a promise per request and hook.
  app.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const route = request.routeOptions.url;
    if (route === undefined || !quietRoutes.has(route)) {
      (request as unknown as Traced)[kTrace] = startTrace(tracer, request, route);
    }
    done();
  });

  app.addHook('onError', (request: FastifyRequest, reply: FastifyReply, error: Error, done: () => void) => {
    // 4xx are the sender's mistakes, answered as designed; only a server failure marks the trace.
    const traced = traceOf(request);
    if (traced && reply.statusCode >= 500) {
      traced.server.recordException(error);
      traced.server.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    }
    done();
  });

  app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const traced = traceOf(request);
    endTrace(request, reply.statusCode);
    // The next onResponse hooks start synchronously inside done(): the request's log line is written there.
    if (traced) context.with(traced.context, done);
    else done();
  });

  app.addHook('onRequestAbort', (request: FastifyRequest, done: HookHandlerDoneFunction) => {
    const traced = traceOf(request);
    traced?.server.setStatus({
      code: SpanStatusCode.ERROR,
      message: 'the client closed the connection first',
    });
    endTrace(request, undefined);
    done();
  });
}

function startTrace(tracer: Tracer, request: FastifyRequest, route: string | undefined): RequestTrace {
  const parent = propagation.extract(ROOT_CONTEXT, request.headers);
  const url = request.url;
  const query = url.indexOf('?');
  // Stable HTTP semantic conventions; never the query string or headers beyond the user agent (tokens live there).
  const attributes: Attributes = {
    'http.request.method': request.method,
    'url.scheme': request.protocol,
    'url.path': query === -1 ? url : url.slice(0, query),
    'client.address': request.ip,
  };
  if (route !== undefined) attributes['http.route'] = route;
  const userAgent = request.headers['user-agent'];
  if (userAgent !== undefined) attributes['user_agent.original'] = userAgent;

  const server = tracer.startSpan(
    route === undefined ? request.method : `${request.method} ${route}`,
    { kind: SpanKind.SERVER, attributes },
    parent,
  );
  return { server, context: trace.setSpan(parent, server) };
}

function endTrace(request: FastifyRequest, statusCode: number | undefined): void {
  const traced = traceOf(request);
  if (!traced) return;
  // Ended once: a request aborted while its reply was being sent reaches both onRequestAbort and onResponse.
  (request as unknown as Traced)[kTrace] = null;
  if (statusCode !== undefined) {
    traced.server.setAttribute('http.response.status_code', statusCode);
    if (statusCode >= 500) traced.server.setStatus({ code: SpanStatusCode.ERROR });
  }
  traced.server.end();
}
