import { Webhook } from 'standardwebhooks';
import type { SignedBytes } from './hmac.js';

/** A record rather than an interface, so the headers spread into any header map. */
export type StandardWebhooksHeaders = Record<
  'webhook-id' | 'webhook-timestamp' | 'webhook-signature',
  string
>;

/**
 * The three Standard Webhooks headers for `body`, signed with a `whsec_` secret by the reference implementation.
 * `id` names the message: a sender keeps it on every retry, and the ingress derives the eventId from it.
 */
export function standardWebhooksHeaders(
  secret: string,
  id: string,
  body: SignedBytes,
  at: Date,
): StandardWebhooksHeaders {
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, text),
  };
}
