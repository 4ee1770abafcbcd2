import { createHmac, createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { Webhook } from 'standardwebhooks';
import { UsageError } from './errors.js';
import type { SenderSource } from './sources.js';

/**
 * Signs a webhook body exactly as the source's real sender does, so the ingress' verifiers
 * (services/ingress/src/auth) accept it: every signature is computed over the very bytes that are sent.
 */

export interface PrivateSigningKey {
  key: KeyObject;
  kid: string;
}

export interface SigningInput {
  source: SenderSource;
  /** The JSON webhook body (for canvas-jwt: the JWT's claims). */
  payload: Record<string, unknown>;
  /** The shared secret (every scheme but canvas-jwt, and jwt signed with a private key). */
  secret: string | undefined;
  /** canvas-jwt, or a jwt source verified through a JWKS. */
  privateKey: PrivateSigningKey | undefined;
  now: Date;
}

export interface SignedWebhook {
  body: Buffer;
  headers: Record<string, string>;
}

const tokenLifetimeSeconds = 5 * 60;

export async function signWebhook(input: SigningInput): Promise<SignedWebhook> {
  const { source, payload, now } = input;
  const json = { 'content-type': 'application/json' };
  switch (source.auth.scheme) {
    case 'hmac': {
      const body = jsonBytes(payload);
      const header = source.auth.header?.toLowerCase() ?? 'x-webhook-signature';
      return { body, headers: { ...json, [header]: `sha256=${hmacHex(needSecret(input), body)}` } };
    }
    case 'api-key': {
      const header = source.auth.header?.toLowerCase() ?? 'x-api-key';
      return { body: jsonBytes(payload), headers: { ...json, [header]: needSecret(input) } };
    }
    case 'stripe': {
      const body = jsonBytes(payload);
      const timestamp = Math.floor(now.getTime() / 1000);
      // Stripe signs `<t>.<raw body>` with the whole endpoint secret (whsec_ included) as the HMAC key.
      const signed = Buffer.concat([Buffer.from(`${timestamp}.`), body]);
      return {
        body,
        headers: { ...json, 'stripe-signature': `t=${timestamp},v1=${hmacHex(needSecret(input), signed)}` },
      };
    }
    case 'standard-webhooks': {
      const body = jsonBytes(payload);
      // A fresh webhook-id per send: the ingress derives the eventId from it.
      const id = `msg_${randomUUID().replaceAll('-', '')}`;
      const signature = new Webhook(needSecret(input)).sign(id, now, body.toString('utf8'));
      return {
        body,
        headers: {
          ...json,
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': signature,
        },
      };
    }
    case 'moodle-token': {
      // Moodle's webhook plugins carry the shared token inside the JSON body; the ingress strips it.
      const field = source.auth.field ?? 'token';
      return { body: jsonBytes({ ...payload, [field]: needSecret(input) }), headers: json };
    }
    case 'jwt': {
      const token = await signBearerToken(input);
      return { body: jsonBytes(payload), headers: { ...json, authorization: `Bearer ${token}` } };
    }
    case 'canvas-jwt': {
      // Canvas "signed payload" Live Events: the body IS the JWT, its claims the live event.
      const key = input.privateKey;
      if (!key) {
        throw new UsageError(
          `source ${source.id} uses canvas-jwt: the body is an RS256 JWT, so sending needs the private key whose ` +
            `public half is in ${source.auth.jwksUrl ?? "the source's JWKS"}: --key private.pem --kid <key id>`,
          'send',
        );
      }
      const algorithm = source.auth.algorithms?.[0] ?? 'RS256';
      const token = await timedJwt(payload, now, source.auth.issuer, source.auth.audience)
        .setProtectedHeader({ alg: algorithm, typ: 'JWT', kid: key.kid })
        .sign(key.key);
      return { body: Buffer.from(token, 'utf8'), headers: { 'content-type': 'application/jwt' } };
    }
  }
}

/**
 * An internal system's bearer token: issuer and audience of the source, 5 minutes, a fresh jti. The jti names the
 * token only; the body's `id` names the event.
 */
async function signBearerToken(input: SigningInput): Promise<string> {
  const { source, now } = input;
  const algorithms = source.auth.algorithms ?? ['HS256'];
  const issuer = source.auth.issuer;
  const audience = source.auth.audience;
  if (!issuer || !audience) {
    throw new UsageError(`source ${source.id}: a jwt source needs auth.issuer and auth.audience`, 'send');
  }
  const hmacAlgorithm = algorithms.includes('HS256')
    ? 'HS256'
    : algorithms.find((alg) => alg.startsWith('HS'));
  if (input.privateKey || !hmacAlgorithm) {
    const key = input.privateKey;
    const algorithm = algorithms.find((alg) => !alg.startsWith('HS'));
    if (!key || !algorithm) {
      throw new UsageError(
        `source ${source.id} accepts ${algorithms.join(', ')} tokens: pass --key private.pem --kid <key id> ` +
          'for a key of its JWKS',
        'send',
      );
    }
    return timedJwt({}, now, issuer, audience)
      .setProtectedHeader({ alg: algorithm, typ: 'JWT', kid: key.kid })
      .sign(key.key);
  }
  return timedJwt({}, now, issuer, audience)
    .setProtectedHeader({ alg: hmacAlgorithm, typ: 'JWT' })
    .sign(new TextEncoder().encode(needSecret(input)));
}

function timedJwt(
  claims: JWTPayload,
  now: Date,
  issuer: string | undefined,
  audience: string | undefined,
): SignJWT {
  const seconds = Math.floor(now.getTime() / 1000);
  const jwt = new SignJWT(claims)
    .setIssuedAt(seconds)
    .setExpirationTime(seconds + tokenLifetimeSeconds)
    .setJti(randomUUID())
    .setSubject('inlet-cli');
  if (issuer) jwt.setIssuer(issuer);
  if (audience) jwt.setAudience(audience);
  return jwt;
}

/** A PEM private key (PKCS#8, PKCS#1 or SEC1) for canvas-jwt or JWKS-verified jwt sources. */
export function privateSigningKey(pem: string, kid: string, path: string): PrivateSigningKey {
  try {
    return { key: createPrivateKey(pem), kid };
  } catch {
    throw new UsageError(`--key ${path} is not a PEM private key`, 'send');
  }
}

/** Whether the scheme signs with the source's shared secret (as opposed to a private key). */
export function usesSharedSecret(source: SenderSource, hasPrivateKey: boolean): boolean {
  if (source.auth.scheme === 'canvas-jwt') return false;
  if (source.auth.scheme === 'jwt') {
    const hasHmac = (source.auth.algorithms ?? ['HS256']).some((alg) => alg.startsWith('HS'));
    return hasHmac && !hasPrivateKey;
  }
  return true;
}

function needSecret(input: SigningInput): string {
  if (input.secret === undefined) throw new Error(`source ${input.source.id}: no secret to sign with`);
  return input.secret;
}

function hmacHex(secret: string, bytes: Buffer): string {
  return createHmac('sha256', secret).update(bytes).digest('hex');
}

function jsonBytes(payload: Record<string, unknown>): Buffer {
  return Buffer.from(JSON.stringify(payload), 'utf8');
}
