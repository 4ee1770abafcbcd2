import type { FastifyInstance, FastifyRequest } from 'fastify';
import { IngressError } from '../errors.js';

export interface InFlightBudgetOptions {
  /** What the bodies of all webhooks being handled may add up to, in bytes. */
  maxBytes: number;
  /** Reserved for a body that does not declare its length (chunked): the most it may be. */
  bodyLimit: number;
  /** Retry-After (seconds) on the 503. */
  retryAfterSeconds: number;
  /** The bytes reserved now, for the in-flight gauge. */
  onChange?: (bytesInFlight: number) => void;
  /** A request refused because the budget was spent. */
  onRefused?: () => void;
}

/**
 * Bounds what the webhooks being handled hold at once: the sum of their bodies. Each request waits for Kafka's
 * acknowledgement, up to PRODUCE_TIMEOUT_MS while the broker stalls, so without a bound a burst would grow the
 * process's memory with every request that arrives meanwhile. A request that would pass the budget is refused
 * before its body is read: 503 with Retry-After, nothing produced, and the sender retries as for any outage.
 *
 * Registered in the webhook routes' context after the source lookup, so a request for an unknown source or from
 * outside an allowlist never reserves anything. The reservation is released when the response closes, whether
 * it was sent or the client went away.
 */
export function limitBytesInFlight(app: FastifyInstance, options: InFlightBudgetOptions): void {
  let bytesInFlight = 0;

  app.addHook('onRequest', async (request, reply) => {
    if (!request.routeOptions.config.family) return;
    const bytes = declaredBytes(request, options.bodyLimit);
    // One request alone is always admitted (the configuration keeps bodyLimit within the budget).
    if (bytesInFlight > 0 && bytesInFlight + bytes > options.maxBytes) {
      options.onRefused?.();
      throw Object.assign(
        new IngressError(
          'INLET_INGRESS_BUSY',
          503,
          'the ingress is holding as many webhooks as it may while the event store acknowledges them; nothing was accepted, retry later',
        ),
        { retryAfterSeconds: options.retryAfterSeconds },
      );
    }
    bytesInFlight += bytes;
    options.onChange?.(bytesInFlight);
    reply.raw.once('close', () => {
      bytesInFlight -= bytes;
      options.onChange?.(bytesInFlight);
    });
  });
}

/** The body's declared length, bounded by the body limit (Fastify answers 413 beyond it); the limit if undeclared. */
function declaredBytes(request: FastifyRequest, bodyLimit: number): number {
  const declared = Number(request.headers['content-length']);
  return Number.isSafeInteger(declared) && declared >= 0 ? Math.min(declared, bodyLimit) : bodyLimit;
}
