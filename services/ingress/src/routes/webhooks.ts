import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { normalizeCommerce, normalizeInternal, normalizeLti, normalizeService } from '../normalize/index.js';
import type { NormalizedEvent } from '../normalize/types.js';
import { acceptWebhook, type AcceptDependencies } from '../pipeline/accept-webhook.js';
import type { VerifiedRequest } from '../auth/types.js';
import { AuthError } from '../auth/errors.js';
import { annotateRequest, runInRequestContext } from '@inlet/telemetry';
import { sourceIdPattern, webhookRoutes as routeOf } from '@inlet/webhook-contract';
import { limitBytesInFlight } from '../plugins/in-flight-budget.js';
import { acceptRawBodies } from '../plugins/raw-body.js';
import { createIpAllowlist } from '../plugins/ip-allowlist.js';
import { IngressError } from '../errors.js';
import type { IngressMetrics } from '../metrics.js';
import { resolveSource } from '../sources/resolve-source.js';
import type { RateLimit, RouteFamily, Source } from '../sources/types.js';
import { acceptedSchema, problemSchema } from './schemas.js';

declare module 'fastify' {
  interface FastifyRequest {
    inletSource?: Source;
    /** What the source's verifier established (preHandler, before the source's rate limit). */
    inletVerified?: VerifiedRequest;
    /** The accepted event, for the request's log line. */
    inletOutcome?: { eventId: string; type: string } | { eventId: string; unmapped: string };
  }
  interface FastifyContextConfig {
    family?: RouteFamily;
  }
}

export interface WebhookRoutesOptions {
  sources: Source[];
  pipeline: AcceptDependencies;
  metrics: IngressMetrics;
  bodyLimit: number;
  /** What the bodies of all webhooks being handled may add up to (plugins/in-flight-budget.ts). */
  maxInFlightBytes: number;
  /** Retry-After (seconds) when that budget is spent. */
  retryAfterSeconds: number;
  /** Shares rate-limit counters across replicas; in-memory when absent. */
  redis?: Redis;
  /** Failed authentications one client address may make per window; past it those requests get 429. */
  authFailureLimit: RateLimit;
}

const sourceId = { type: 'string', pattern: sourceIdPattern } as const;
const errors = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  413: problemSchema,
  415: problemSchema,
  422: problemSchema,
  429: problemSchema,
  503: problemSchema,
};

/**
 * The four webhook endpoints. Each request: source lookup -> IP allowlist -> verify the signature -> the
 * source's rate limit -> accept. Only authentic requests spend a source's budget, so unsigned junk sent to a
 * source's URL cannot lock its real sender out; failures count against the client's address instead.
 */
export async function webhookRoutes(app: FastifyInstance, options: WebhookRoutesOptions): Promise<void> {
  const { sources, pipeline, metrics } = options;
  const byFamily = new Map<RouteFamily, Map<string, Source>>();
  for (const source of sources) {
    const family = byFamily.get(source.family) ?? new Map<string, Source>();
    family.set(source.id, source);
    byFamily.set(source.family, family);
  }
  const allowlist = createIpAllowlist(sources);
  acceptRawBodies(app, options.bodyLimit);

  await app.register(fastifyRateLimit, {
    global: true,
    // Counted after the plugin-level preHandler below has verified the request (route-level hooks, which the
    // limiter adds, run after plugin-level ones): a refused signature never reaches this count.
    hook: 'preHandler',
    ...(options.redis ? { redis: options.redis } : {}),
    nameSpace: 'inlet-ingress-rate-limit:',
    // A Redis outage must not stop webhooks: counting is skipped, delivery goes on.
    skipOnError: true,
    keyGenerator: (request) => `source:${request.inletSource?.id ?? 'unknown'}`,
    max: (request) => request.inletSource?.rateLimit.max ?? 1,
    timeWindow: (request) => (request.inletSource?.rateLimit.windowSeconds ?? 60) * 1000,
    errorResponseBuilder: (request, context) =>
      Object.assign(
        new IngressError(
          'INLET_RATE_LIMITED',
          429,
          `source ${request.inletSource?.id ?? 'unknown'} exceeded ${context.max} requests per ${context.after}; retry later`,
        ),
        { statusCode: 429 },
      ),
  });
  const countAuthFailure = app.createRateLimit({
    keyGenerator: (request) => `auth-failures:${request.ip}`,
    max: options.authFailureLimit.max,
    timeWindow: options.authFailureLimit.windowSeconds * 1000,
  });

  /**
   * A request that names an unknown source, posts from outside its allowlist or fails its signature counts
   * against its client address; past the address's budget it gets 429, which also stops a flood from telling
   * known source ids (401) from unknown ones (404). Authentic requests from that address are never refused.
   */
  async function refuse(request: FastifyRequest, error: unknown): Promise<unknown> {
    const authFailure =
      (error instanceof AuthError && error.statusCode === 401) ||
      (error instanceof IngressError && (error.statusCode === 404 || error.statusCode === 403));
    if (!authFailure) return error;
    const count = await countAuthFailure(request);
    if (count.isAllowed || !count.isExceeded) return error;
    metrics.authFailuresLimited.inc({ family: request.routeOptions.config.family ?? 'unknown' });
    return new IngressError(
      'INLET_AUTH_RATE_LIMITED',
      429,
      `too many failed authentications from ${request.ip}; retry in ${count.ttlInSeconds} s`,
    );
  }

  app.addHook('onRequest', async (request) => {
    const family = request.routeOptions.config.family;
    if (!family) return;
    try {
      const source = resolveSource(family, request, byFamily.get(family));
      allowlist.check(source, request.ip);
      request.inletSource = source;
    } catch (error) {
      throw await refuse(request, error);
    }
  });
  limitBytesInFlight(app, {
    maxBytes: options.maxInFlightBytes,
    bodyLimit: options.bodyLimit,
    retryAfterSeconds: options.retryAfterSeconds,
    onChange: (bytes) => metrics.bytesInFlight.set(bytes),
    onRefused: () => metrics.busyRefusals.inc(),
  });

  app.addHook('preHandler', async (request) => {
    const source = request.inletSource;
    if (!source) return;
    const rawBody = requireBody(request.body);
    try {
      request.inletVerified = await pipeline
        .verifierFor(source)
        .verify({ rawBody, headers: request.headers });
    } catch (error) {
      throw await refuse(request, error);
    }
  });

  app.addHook('onResponse', async (request, reply) => {
    const family = request.routeOptions.config.family;
    if (!family) return;
    const status = String(reply.statusCode);
    metrics.requests.inc({ family, source: request.inletSource?.id ?? 'unknown', status });
    metrics.requestDuration.observe({ family, status }, reply.elapsedTime / 1000);
  });

  /** The pipeline, its produce run inside the request's trace context. */
  const traced = (request: FastifyRequest): AcceptDependencies => ({
    ...pipeline,
    produce: (record) => runInRequestContext(request, () => pipeline.produce(record)),
  });

  const accept =
    (normalize: (request: FastifyRequest) => (payload: unknown) => NormalizedEvent) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      // The produce runs in the request span's context, so the producer span and the Kafka trace headers join
      // the webhook's trace (the ingress's context does not follow awaits: main.ts).
      const accepted = await acceptWebhook(traced(request), {
        source: request.inletSource!,
        rawBody: requireBody(request.body),
        verified: request.inletVerified!,
        normalize: normalize(request),
      });
      if (accepted.status === 'unmapped') {
        // Kept on inlet.unmapped.v1: 202 too, so the sender stops retrying; `status` tells it apart.
        const eventName = accepted.sourceEventName ?? 'unknown';
        annotateRequest(request, {
          'inlet.event_id': accepted.eventId,
          'inlet.unmapped_event_name': eventName,
          'inlet.source': request.inletSource!.id,
        });
        metrics.eventsUnmapped.inc({ source: request.inletSource!.id, event_name: eventName });
        request.inletOutcome = { eventId: accepted.eventId, unmapped: eventName };
        return reply.status(202).send({
          eventId: accepted.eventId,
          status: 'unmapped',
          sourceEventName: accepted.sourceEventName,
        });
      }
      annotateRequest(request, {
        'inlet.event_id': accepted.eventId,
        'inlet.event_type': accepted.type,
        'inlet.source': request.inletSource!.id,
      });
      metrics.eventsAccepted.inc({ source: request.inletSource!.id, type: accepted.type });
      request.inletOutcome = { eventId: accepted.eventId, type: accepted.type };
      return reply.status(202).send({ eventId: accepted.eventId, type: accepted.type, status: 'accepted' });
    };

  app.post(
    routeOf.lti.path,
    {
      config: { family: 'lti' },
      schema: {
        summary: 'LTI platform events: generic {type,data}, Canvas Live Events, Moodle events',
        querystring: { type: 'object', required: ['source'], properties: { source: sourceId } },
        response: { 202: acceptedSchema, ...errors },
      },
    },
    accept(() => normalizeLti),
  );

  app.post(
    routeOf.services.path,
    {
      config: { family: 'services' },
      schema: {
        summary: 'Third-party services (AI, analytics): transcription.completed, user.behavior',
        params: { type: 'object', required: ['serviceId'], properties: { serviceId: sourceId } },
        response: { 202: acceptedSchema, ...errors },
      },
    },
    accept(() => normalizeService),
  );

  app.post(
    routeOf.commerce.path,
    {
      config: { family: 'commerce' },
      schema: {
        summary: 'Payments and learning progress: generic events and Stripe events',
        params: { type: 'object', required: ['provider'], properties: { provider: sourceId } },
        response: { 202: acceptedSchema, ...errors },
      },
    },
    accept(() => normalizeCommerce),
  );

  app.post(
    routeOf.internal.path,
    {
      config: { family: 'internal' },
      schema: {
        summary: 'Internal systems (JWT): video.upload.completed, deep_link.created',
        params: {
          type: 'object',
          required: ['eventType'],
          properties: { eventType: { type: 'string', pattern: '^[a-z_]+(\\.[a-z_]+)+$' } },
        },
        querystring: { type: 'object', properties: { source: sourceId } },
        response: { 202: acceptedSchema, ...errors },
      },
    },
    accept(
      (request) => (payload) =>
        normalizeInternal((request.params as { eventType: string }).eventType, payload),
    ),
  );
}

function requireBody(body: unknown): Buffer {
  if (Buffer.isBuffer(body) && body.length > 0) return body;
  throw Object.assign(new Error('the body is empty'), {
    code: 'FST_ERR_CTP_EMPTY_JSON_BODY',
    statusCode: 400,
  });
}
