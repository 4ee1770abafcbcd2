import { webhookPath, type SourceEntry } from '@inlet/webhook-contract';

/**
 * Where a source's webhooks go: senders are identified by the URL (never by trying secrets), each route family
 * naming the source its own way. A path prefix of the base is kept (an ingress behind a proxy at
 * https://host/inlet/).
 */
export function webhookUrl(base: URL, source: SourceEntry, eventType: string | undefined): URL {
  const path = webhookPath(source.family, source.id, eventType);
  return new URL(base.pathname.replace(/\/+$/, '') + path, base);
}
