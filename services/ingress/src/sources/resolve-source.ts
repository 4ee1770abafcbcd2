import type { FastifyRequest } from 'fastify';
import { sourceIdOf } from '@inlet/webhook-contract';
import { IngressError } from '../errors.js';
import type { RouteFamily, Source } from './types.js';

/** Identifies the sender from the URL alone, so no secret is ever tried against a request it does not belong to. */
export function resolveSource(
  family: RouteFamily,
  request: FastifyRequest,
  known: Map<string, Source> | undefined,
): Source {
  const id = sourceIdOf(family, {
    params: request.params as Record<string, string | undefined>,
    query: request.query as Record<string, string | undefined>,
  });

  if (!id && family === 'internal' && known?.size === 1) return [...known.values()][0]!;
  if (!id) {
    throw new IngressError(
      'INLET_SOURCE_REQUIRED',
      400,
      family === 'lti'
        ? 'name the sending platform with the ?source= query parameter (e.g. /webhooks/lti/events?source=canvas-prod)'
        : 'name the internal source with the ?source= query parameter',
    );
  }
  const source = known?.get(id);
  if (!source)
    throw new IngressError('INLET_SOURCE_UNKNOWN', 404, `no ${family} source named "${id}" is configured`);
  return source;
}
