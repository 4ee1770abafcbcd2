import type { FastifyRequest } from 'fastify';
// Brings in @fastify/otel's declaration of `request.opentelemetry()`.
import type {} from '@fastify/otel';

/**
 * Adds attributes (e.g. inlet.event_id once known) to the request's span, the one @fastify/otel opens under the
 * HTTP SERVER span; a no-op when the request is not traced (telemetry not started, or a quiet path).
 */
export function annotateRequest(request: FastifyRequest, attributes: Record<string, string | number>): void {
  // `opentelemetry` is decorated only on instances created after startTelemetry(), hence the optional call.
  const otel = (request as Partial<Pick<FastifyRequest, 'opentelemetry'>>).opentelemetry?.();
  if (otel?.instrumented) otel.span?.setAttributes(attributes);
}
