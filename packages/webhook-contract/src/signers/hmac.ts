import { createHmac } from 'node:crypto';

export type SignedBytes = string | Uint8Array;

/** `sha256=<hex HMAC-SHA256(secret, body)>`: the `hmac` scheme's header value. */
export function hmacSignature(secret: string, body: SignedBytes): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * `t=<seconds>,v1=<hex>`: Stripe's `Stripe-Signature`. Stripe signs `<t>.<raw body>` with the whole endpoint
 * secret (`whsec_` included) as the HMAC key.
 */
export function stripeSignature(secret: string, body: SignedBytes, timestampSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestampSeconds}.`).update(body).digest('hex');
  return `t=${timestampSeconds},v1=${v1}`;
}
