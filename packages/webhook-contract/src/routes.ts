import type { RouteFamily } from './families.js';

/**
 * Where each family's senders post. A sender is identified by its URL, never by trying secrets: the source id is
 * a path parameter, or the `source` query parameter where several senders share one path (every LMS posts to the
 * LTI route) or where the path carries the event type (the internal route).
 */
export interface WebhookRoute {
  /** The route as the ingress registers it, with `:name` path parameters. */
  readonly path: string;
  /** Where the source id is: `{in: 'path'}` names the path parameter, `{in: 'query'}` the query parameter. */
  readonly sourceId: { readonly in: 'path' | 'query'; readonly name: string };
  /** The path parameter holding the canonical event type (internal route only). */
  readonly eventTypeParam?: string;
}

export const webhookRoutes: Readonly<Record<RouteFamily, WebhookRoute>> = {
  lti: { path: '/webhooks/lti/events', sourceId: { in: 'query', name: 'source' } },
  services: { path: '/webhooks/services/:serviceId', sourceId: { in: 'path', name: 'serviceId' } },
  commerce: { path: '/api/webhooks/:provider', sourceId: { in: 'path', name: 'provider' } },
  internal: {
    path: '/webhooks/internal/:eventType',
    sourceId: { in: 'query', name: 'source' },
    eventTypeParam: 'eventType',
  },
};

/** The source id pattern, as in URLs and the sources file. */
export const sourceIdPattern = '^[a-z0-9][a-z0-9-]{0,62}$';

/** The source id a request names, read where the family's route carries it; undefined when absent. */
export function sourceIdOf(
  family: RouteFamily,
  request: { params: Record<string, string | undefined>; query: Record<string, string | undefined> },
): string | undefined {
  const { sourceId } = webhookRoutes[family];
  return (sourceId.in === 'path' ? request.params : request.query)[sourceId.name];
}

/**
 * The path and query a source's webhook goes to (e.g. `/webhooks/lti/events?source=canvas-prod`). The internal
 * route needs the event type: it is part of the URL.
 */
export function webhookPath(family: RouteFamily, sourceId: string, eventType?: string): string {
  const route = webhookRoutes[family];
  const id = encodeURIComponent(sourceId);
  let path = route.path;
  if (route.sourceId.in === 'path') path = path.replace(`:${route.sourceId.name}`, id);
  if (route.eventTypeParam)
    path = path.replace(`:${route.eventTypeParam}`, encodeURIComponent(eventType ?? ''));
  return route.sourceId.in === 'query' ? `${path}?${route.sourceId.name}=${id}` : path;
}
