import { randomUUID } from 'node:crypto';
import { defaultApiKeyHeader, defaultHmacHeader, defaultMoodleTokenField } from '../auth-schemes.js';
import type { SourceEntry } from '../sources-schema.js';
import { hmacSignature, stripeSignature } from './hmac.js';
import { signJwt, type PrivateSigningKey } from './jwt.js';
import { standardWebhooksHeaders } from './standard-webhooks.js';

/** What the sender must supply and did not (a private key, issuer and audience): the message says what to pass. */
export class SigningError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SigningError';
  }
}

export interface SigningInput {
  source: SourceEntry;
  /** The JSON webhook body (for canvas-jwt: the JWT's claims). */
  payload: Record<string, unknown>;
  /** The shared secret (every scheme but canvas-jwt, and jwt signed with a private key). */
  secret: string | undefined;
  /** canvas-jwt, or a jwt source verified through a JWKS. */
  privateKey: PrivateSigningKey | undefined;
  now: Date;
  /** `sub` of bearer and Canvas tokens, naming the sending tool. */
  subject?: string;
}

export interface SignedWebhook {
  body: Buffer;
  headers: Record<string, string>;
}

const json = { 'content-type': 'application/json' };

/**
 * Signs a webhook body exactly as the source's real sender does, so the ingress's verifiers accept it: every
 * signature is computed over the very bytes that are sent.
 */
export async function signWebhook(input: SigningInput): Promise<SignedWebhook> {
  const { source, payload, now } = input;
  const auth = source.auth;
  const body = jsonBytes(payload);
  switch (auth.scheme) {
    case 'hmac': {
      const header = auth.header?.toLowerCase() ?? defaultHmacHeader;
      return { body, headers: { ...json, [header]: hmacSignature(needSecret(input), body) } };
    }
    case 'api-key': {
      const header = auth.header?.toLowerCase() ?? defaultApiKeyHeader;
      return { body, headers: { ...json, [header]: needSecret(input) } };
    }
    case 'stripe': {
      const timestamp = Math.floor(now.getTime() / 1000);
      return {
        body,
        headers: { ...json, 'stripe-signature': stripeSignature(needSecret(input), body, timestamp) },
      };
    }
    case 'standard-webhooks': {
      // A fresh webhook-id per send: the ingress derives the eventId from it.
      const id = `msg_${randomUUID().replaceAll('-', '')}`;
      return { body, headers: { ...json, ...standardWebhooksHeaders(needSecret(input), id, body, now) } };
    }
    case 'moodle-token': {
      // Moodle's webhook plugins carry the shared token inside the JSON body; the ingress strips it.
      const field = auth.field ?? defaultMoodleTokenField;
      return { body: jsonBytes({ ...payload, [field]: needSecret(input) }), headers: json };
    }
    case 'jwt': {
      const token = await signBearerToken(input);
      return { body, headers: { ...json, authorization: `Bearer ${token}` } };
    }
    case 'canvas-jwt': {
      // Canvas "signed payload" Live Events: the body IS the JWT, its claims the live event.
      const privateKey = input.privateKey;
      if (!privateKey) {
        throw new SigningError(
          `source ${source.id} uses canvas-jwt: the body is an RS256 JWT, so sending needs the private key whose ` +
            `public half is in ${auth.jwksUrl}: --key private.pem --kid <key id>`,
        );
      }
      const token = await signJwt({
        algorithm: auth.algorithms?.[0] ?? 'RS256',
        privateKey,
        claims: payload,
        ...tokenClaims(input, auth.issuer, auth.audience),
      });
      return { body: Buffer.from(token, 'utf8'), headers: { 'content-type': 'application/jwt' } };
    }
  }
}

/**
 * An internal system's bearer token: issuer and audience of the source, 5 minutes, a fresh jti. The jti names the
 * token only; the body's `id` names the event.
 */
async function signBearerToken(input: SigningInput): Promise<string> {
  const { source } = input;
  if (source.auth.scheme !== 'jwt') throw new Error(`source ${source.id} is not a jwt source`);
  const { algorithms, issuer, audience } = source.auth;
  const claims = tokenClaims(input, issuer, audience);
  const hmacAlgorithm = algorithms.includes('HS256')
    ? 'HS256'
    : algorithms.find((alg) => alg.startsWith('HS'));
  if (input.privateKey || !hmacAlgorithm) {
    const algorithm = algorithms.find((alg) => !alg.startsWith('HS'));
    if (!input.privateKey || !algorithm) {
      throw new SigningError(
        `source ${source.id} accepts ${algorithms.join(', ')} tokens: pass --key private.pem --kid <key id> ` +
          'for a key of its JWKS',
      );
    }
    return signJwt({ algorithm, privateKey: input.privateKey, ...claims });
  }
  return signJwt({ algorithm: hmacAlgorithm, secret: needSecret(input), ...claims });
}

function tokenClaims(input: SigningInput, issuer: string | undefined, audience: string | undefined) {
  return { issuer, audience, subject: input.subject, jti: randomUUID(), now: input.now };
}

/** Whether the source's scheme signs with its shared secret (as opposed to a private key). */
export function usesSharedSecret(source: SourceEntry, hasPrivateKey: boolean): boolean {
  if (source.auth.scheme === 'canvas-jwt') return false;
  if (source.auth.scheme === 'jwt')
    return source.auth.algorithms.some((alg) => alg.startsWith('HS')) && !hasPrivateKey;
  return true;
}

function needSecret(input: SigningInput): string {
  if (input.secret === undefined) throw new Error(`source ${input.source.id}: no secret to sign with`);
  return input.secret;
}

function jsonBytes(payload: Record<string, unknown>): Buffer {
  return Buffer.from(JSON.stringify(payload), 'utf8');
}
