// The tokens and configuration the jwt verifier tests share: one issuer and audience, a fixed clock, and tokens
// signed with shared secrets (HS256) or with keys published in a JWKS.
import { SignJWT } from 'jose';
import type { CryptoKey } from 'jose';
import type { JwtAuthConfig } from '../../src/auth/index.js';
import type { SigningKey } from './auth-test-support.js';

export const SECRET = 'internal-jwt-secret-at-least-32-bytes-long!';
export const OLD_SECRET = 'internal-jwt-previous-secret-32-bytes-long';
export const ISSUER = 'https://grades.internal.example';
export const AUDIENCE = 'inlet-ingress';
export const NOW = new Date('2025-10-09T12:00:00Z');
export const nowSeconds = Math.floor(NOW.getTime() / 1000);
export const body = Buffer.from('{"type":"grade.created"}');

export const encode = (secret: string) => new TextEncoder().encode(secret);

export interface Claims {
  iss?: string;
  aud?: string;
  iat?: number;
  exp?: number;
  nbf?: number;
  jti?: string;
}

/** Valid claims for NOW, with `overrides` applied. */
export function claims(overrides: Claims = {}): Record<string, unknown> {
  return {
    iss: ISSUER,
    aud: AUDIENCE,
    iat: nowSeconds - 10,
    exp: nowSeconds + 300,
    jti: 'evt-internal-1',
    sub: 'grades-service',
    ...overrides,
  };
}

export function hs256(secret: string, overrides: Claims = {}): Promise<string> {
  return new SignJWT(claims(overrides)).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(encode(secret));
}

export function asymmetric(key: SigningKey, overrides: Claims = {}, alg = 'RS256'): Promise<string> {
  return new SignJWT(claims(overrides))
    .setProtectedHeader({ alg, kid: key.kid })
    .sign(key.privateKey as CryptoKey);
}

/** A request carrying `token` as its bearer token. */
export const bearer = (token: string) => ({ rawBody: body, headers: { authorization: `Bearer ${token}` } });

export const hsConfig: JwtAuthConfig = {
  scheme: 'jwt',
  secrets: [SECRET],
  issuer: ISSUER,
  audience: AUDIENCE,
  algorithms: ['HS256'],
};
