import type { SenderSource } from './sources.js';

/**
 * Where a source's webhooks go: senders are identified by the URL (never by trying secrets), so each route
 * family names the source in its own way (services/ingress/README.md).
 */
export function webhookUrl(base: URL, source: SenderSource, eventType: string | undefined): URL {
  const id = encodeURIComponent(source.id);
  const path = {
    lti: `/webhooks/lti/events?source=${id}`,
    services: `/webhooks/services/${id}`,
    commerce: `/api/webhooks/${id}`,
    internal: `/webhooks/internal/${encodeURIComponent(eventType ?? '')}?source=${id}`,
  }[source.family];
  // Keep a path prefix of the base (an ingress behind a proxy at https://host/inlet/).
  return new URL(base.pathname.replace(/\/+$/, '') + path, base);
}
