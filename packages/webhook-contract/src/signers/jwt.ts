import type { KeyObject } from 'node:crypto';
import { SignJWT, type CryptoKey, type JWTPayload } from 'jose';

/** A private key of a source's JWKS, named by its `kid`. */
export interface PrivateSigningKey {
  key: KeyObject | CryptoKey;
  kid: string;
}

export interface JwtOptions {
  /** `alg` of the token: HS* with `secret`, an asymmetric one with `privateKey`. */
  algorithm: string;
  secret?: string;
  privateKey?: PrivateSigningKey;
  /** The token's own claims (for canvas-jwt: the live event); the time and id claims below are added. */
  claims?: JWTPayload;
  issuer?: string;
  audience?: string;
  subject?: string;
  /** Names the token only, never the event. */
  jti?: string;
  /** `iat`; `exp` is `lifetimeSeconds` later (default 5 minutes). */
  now?: Date;
  lifetimeSeconds?: number;
}

const defaultLifetimeSeconds = 5 * 60;

/** A compact JWS as senders make them: the bearer token of the `jwt` scheme, and Canvas's signed bodies. */
export async function signJwt(options: JwtOptions): Promise<string> {
  const seconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const jwt = new SignJWT(options.claims ?? {})
    .setIssuedAt(seconds)
    .setExpirationTime(seconds + (options.lifetimeSeconds ?? defaultLifetimeSeconds));
  if (options.issuer) jwt.setIssuer(options.issuer);
  if (options.audience) jwt.setAudience(options.audience);
  if (options.subject) jwt.setSubject(options.subject);
  if (options.jti) jwt.setJti(options.jti);
  const { privateKey, secret, algorithm } = options;
  if (privateKey) {
    return jwt.setProtectedHeader({ alg: algorithm, typ: 'JWT', kid: privateKey.kid }).sign(privateKey.key);
  }
  if (secret === undefined) throw new Error(`a ${algorithm} token needs a secret or a private key`);
  return jwt.setProtectedHeader({ alg: algorithm, typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}
