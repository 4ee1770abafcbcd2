import { createRemoteJWKSet, decodeProtectedHeader, errors } from 'jose';
import { AuthError } from './errors.js';

/** Small, because both ends' clocks are ours or the LMS's and a wide window only widens replay. */
export const CLOCK_TOLERANCE_SECONDS = 5;

/** Algorithms verified with a shared secret; everything else needs a public key from a JWKS. */
export function isHmacAlgorithm(algorithm: string): boolean {
  return /^HS\d+$/.test(algorithm);
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

/** The `alg` of a compact JWS, checked against the allow-list before any key is looked up or fetched. */
export function allowedAlgorithm(token: string, algorithms: readonly string[], what: string): string {
  let algorithm: unknown;
  try {
    if (!COMPACT_JWS.test(token)) throw new Error('not a compact JWS');
    algorithm = decodeProtectedHeader(token).alg;
  } catch {
    throw new AuthError('INLET_AUTH_MALFORMED', `${what} is not a compact JWT`);
  }
  if (typeof algorithm !== 'string' || !algorithms.includes(algorithm)) {
    throw new AuthError('INLET_AUTH_INVALID', 'token algorithm is not allowed');
  }
  return algorithm;
}

/**
 * One remote key set per verifier: jose caches it, refetches when a token names an unknown `kid` (key rotation),
 * but not more often than `cooldownMs`.
 */
export function createJwks(url: URL, cooldownMs: number | undefined): ReturnType<typeof createRemoteJWKSet> {
  if (cooldownMs !== undefined && (!Number.isFinite(cooldownMs) || cooldownMs < 0)) {
    throw new Error('jwt auth config: jwksCooldownMs must be a non-negative number of milliseconds');
  }
  return createRemoteJWKSet(url, cooldownMs === undefined ? {} : { cooldownDuration: cooldownMs });
}

const KNOWN_CLAIMS = new Set(['iss', 'aud', 'sub', 'exp', 'nbf', 'iat', 'jti']);

/** jose's failures in our codes, with messages that name the problem but no expected value and no token. */
export function authErrorFromJose(error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  if (error instanceof errors.JWTExpired) {
    return new AuthError(
      'INLET_AUTH_EXPIRED',
      error.claim === 'iat' ? 'token is older than the allowed maximum age' : 'token has expired',
    );
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    const claim = KNOWN_CLAIMS.has(error.claim) ? `"${error.claim}"` : 'a';
    if (error.reason === 'missing')
      return new AuthError('INLET_AUTH_INVALID', `token lacks the required ${claim} claim`);
    if (error.reason === 'check_failed' && (error.claim === 'nbf' || error.claim === 'iat')) {
      return new AuthError('INLET_AUTH_EXPIRED', 'token is not yet valid');
    }
    if (error.claim === 'iss') return new AuthError('INLET_AUTH_INVALID', 'token issuer is not accepted');
    if (error.claim === 'aud') return new AuthError('INLET_AUTH_INVALID', 'token audience is not accepted');
    return new AuthError('INLET_AUTH_INVALID', `token has an invalid ${claim} claim`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new AuthError('INLET_AUTH_INVALID', 'token signature does not match');
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new AuthError('INLET_AUTH_INVALID', 'token algorithm is not allowed');
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return new AuthError('INLET_AUTH_INVALID', 'no signing key matches the token');
  }
  if (error instanceof errors.JWKSMultipleMatchingKeys) {
    return new AuthError('INLET_AUTH_INVALID', 'token has no kid and several signing keys match');
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return new AuthError('INLET_AUTH_MALFORMED', 'token is not a well-formed JWT');
  }
  const unreachable = error instanceof TypeError && error.message === 'fetch failed';
  const keysUnavailable =
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    unreachable ||
    (error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC');
  if (keysUnavailable) {
    return new AuthError(
      'INLET_AUTH_UNAVAILABLE',
      'the signing keys could not be loaded to verify the token; nothing was accepted, retry later',
    );
  }
  return new AuthError('INLET_AUTH_INVALID', 'token could not be verified');
}
