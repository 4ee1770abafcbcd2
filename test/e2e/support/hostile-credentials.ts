// How each family's sender signs a request, and every wrong way to do it.
import { createHmac, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { secrets, type Family } from './hostile-sources.js';

const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

async function jwtFor(overrides: { secret?: string; audience?: string; expired?: boolean } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('hostile-platform')
    .setAudience(overrides.audience ?? 'inlet')
    .setJti(randomUUID())
    .setIssuedAt(overrides.expired ? now - 3600 : now)
    .setExpirationTime(overrides.expired ? now - 1800 : now + 300)
    .sign(new TextEncoder().encode(overrides.secret ?? secrets.HOSTILE_PLATFORM));
}

/** The headers a real sender of the family would send for `body`. */
export async function signed(family: Family, body: string): Promise<Record<string, string>> {
  switch (family) {
    case 'lti':
      return { 'x-webhook-signature': `sha256=${hmac(secrets.HOSTILE_LTI, body)}` };
    case 'services':
      return { 'x-api-key': secrets.HOSTILE_SERVICE };
    case 'commerce': {
      const t = Math.floor(Date.now() / 1000);
      return { 'stripe-signature': `t=${t},v1=${hmac(secrets.HOSTILE_STRIPE, `${t}.${body}`)}` };
    }
    case 'internal':
      return { authorization: `Bearer ${await jwtFor()}` };
  }
}

/** Wrong credentials of every shape: absent, malformed, another secret, out of their time window. */
export const badCredentials = (
  family: Family,
  body: string,
): fc.Arbitrary<() => Promise<Record<string, string>>> => {
  const now = Math.floor(Date.now() / 1000);
  const constant = (headers: Record<string, string>) => fc.constant(async () => headers);
  switch (family) {
    case 'lti':
      return fc.oneof(
        constant({}),
        constant({ 'x-webhook-signature': `sha256=${hmac('another-secret', body)}` }),
        fc.string().map((text) => async () => ({ 'x-webhook-signature': text.replace(/[\r\n]/g, '') })),
        constant({ 'x-webhook-signature': `md5=${hmac(secrets.HOSTILE_LTI, body).slice(0, 32)}` }),
      );
    case 'services':
      return fc.oneof(
        constant({}),
        fc
          .string({ minLength: 1 })
          .filter((key) => key !== secrets.HOSTILE_SERVICE)
          .map((key) => async () => ({ 'x-api-key': key.replace(/[\r\n]/g, '') })),
        constant({ 'x-api-key': `${secrets.HOSTILE_SERVICE}x` }),
      );
    case 'commerce':
      return fc.oneof(
        constant({}),
        constant({ 'stripe-signature': `t=${now},v1=${hmac('whsec_other', `${now}.${body}`)}` }),
        constant({
          'stripe-signature': `t=${now - 3600},v1=${hmac(secrets.HOSTILE_STRIPE, `${now - 3600}.${body}`)}`,
        }),
        fc.string().map((text) => async () => ({ 'stripe-signature': text.replace(/[\r\n]/g, '') })),
      );
    case 'internal':
      return fc.oneof(
        constant({}),
        fc.constant(async () => ({ authorization: `Bearer ${await jwtFor({ secret: 'x'.repeat(40) })}` })),
        fc.constant(async () => ({ authorization: `Bearer ${await jwtFor({ audience: 'someone-else' })}` })),
        fc.constant(async () => ({ authorization: `Bearer ${await jwtFor({ expired: true })}` })),
        fc.string().map((text) => async () => ({ authorization: `Bearer ${text.replace(/[\r\n]/g, '')}` })),
      );
  }
};
