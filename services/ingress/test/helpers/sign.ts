import { hmacSignature, signJwt, standardWebhooksHeaders, stripeSignature } from '@inlet/webhook-contract';

/** Signs like a sender of each scheme would, with the signers the CLI uses, so tests post what senders post. */

export function hmacHeader(secret: string, body: string): string {
  return hmacSignature(secret, body);
}

export function stripeHeader(
  secret: string,
  body: string,
  timestampSeconds = Math.floor(Date.now() / 1000),
): string {
  return stripeSignature(secret, body, timestampSeconds);
}

export function standardWebhookHeaders(secret: string, id: string, body: string, at = new Date()) {
  return standardWebhooksHeaders(secret, id, body, at);
}

/** An internal system's HS256 bearer token, valid for 5 minutes. */
export async function internalJwt(
  secret: string,
  claims: { iss: string; aud: string; jti?: string },
): Promise<string> {
  return signJwt({ algorithm: 'HS256', secret, issuer: claims.iss, audience: claims.aud, jti: claims.jti });
}
