import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { Webhook } from 'standardwebhooks';

/** Signs like a sender of each scheme would, so tests post exactly what real senders post. */

export function hmacHeader(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function stripeHeader(
  secret: string,
  body: string,
  timestampSeconds = Math.floor(Date.now() / 1000),
): string {
  const signature = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${signature}`;
}

export function standardWebhookHeaders(secret: string, id: string, body: string, at = new Date()) {
  const signature = new Webhook(secret).sign(id, at, body);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signature,
  };
}

export async function internalJwt(
  secret: string,
  claims: { iss: string; aud: string; jti?: string },
): Promise<string> {
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(claims.iss)
    .setAudience(claims.aud);
  if (claims.jti) jwt.setJti(claims.jti);
  return jwt.setIssuedAt().setExpirationTime('5m').sign(new TextEncoder().encode(secret));
}
