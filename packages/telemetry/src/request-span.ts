import type { FastifyRequest } from 'fastify';
import { context } from '@opentelemetry/api';
import { requestContextOf, requestSpanOf } from './fastify-tracing.js';

/**
 * Adds attributes (e.g. inlet.event_id once known) to the request's HTTP SERVER span; a no-op when the request
 * is not traced (telemetry not started, or a quiet path).
 */
export function annotateRequest(request: FastifyRequest, attributes: Record<string, string | number>): void {
  requestSpanOf(request)?.setAttributes(attributes);
}

/**
 * Runs `fn` inside the request's SERVER span context, so a span it opens synchronously (a produce's PRODUCER
 * span) is that span's child even when the code got there through awaits. Needed where the context does not
 * follow awaits (`asyncContext: false`); harmless elsewhere.
 */
export function runInRequestContext<T>(request: FastifyRequest, fn: () => T): T {
  const requestContext = requestContextOf(request);
  return requestContext ? context.with(requestContext, fn) : fn();
}
