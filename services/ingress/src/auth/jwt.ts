import { errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyOptions } from 'jose';
import {
  requireAlgorithms,
  requireJwksUrl,
  requireNonEmptyString,
  requirePositiveSeconds,
  requireSecrets,
} from './config-checks.js';
import { AuthError, failClosed } from './errors.js';
import { requireHeader } from './headers.js';
import {
  allowedAlgorithm,
  authErrorFromJose,
  CLOCK_TOLERANCE_SECONDS,
  createJwks,
  isHmacAlgorithm,
} from './jose-support.js';
import type { JwtAuthConfig, Verifier, VerifiedRequest } from './types.js';

const BEARER = /^Bearer +(\S+)$/i;

function checkKeysForAlgorithms(config: JwtAuthConfig, algorithms: readonly string[]): void {
  if (algorithms.some(isHmacAlgorithm) && config.secrets === undefined) {
    throw new Error('jwt auth config: HS* algorithms need secrets');
  }
  if (algorithms.some((algorithm) => !isHmacAlgorithm(algorithm)) && config.jwksUrl === undefined) {
    throw new Error('jwt auth config: asymmetric algorithms need a jwksUrl');
  }
}

/** No senderEventId from `jti`: a cached client-credentials token carries one jti for many events. */
function verified(payload: JWTPayload): VerifiedRequest {
  return { claims: payload };
}

/**
 * The token is checked against every secret (rotation; no early exit). When none verifies, the most telling
 * failure is reported: one from a secret whose signature matched (expired, wrong audience...) beats "signature
 * does not match".
 */
async function verifyWithSecrets(token: string, keys: readonly Uint8Array[], options: JWTVerifyOptions) {
  const results = await Promise.allSettled(keys.map((key) => jwtVerify(token, key, options)));
  const success = results.find((result) => result.status === 'fulfilled');
  if (success) return success.value.payload;
  const reasons = results.flatMap((result) =>
    result.status === 'rejected' ? [result.reason as unknown] : [],
  );
  const telling = reasons.find((reason) => !(reason instanceof errors.JWSSignatureVerificationFailed));
  throw authErrorFromJose(telling ?? reasons[0]);
}

/** `Authorization: Bearer <jwt>` from internal systems: HS* with shared secrets or asymmetric keys from a JWKS. */
export function createJwtVerifier(config: JwtAuthConfig): Verifier {
  const algorithms = requireAlgorithms('jwt', config.algorithms);
  checkKeysForAlgorithms(config, algorithms);
  const issuer = requireNonEmptyString('jwt', 'issuer', config.issuer);
  const audience = requireNonEmptyString('jwt', 'audience', config.audience);
  const secretKeys =
    config.secrets === undefined
      ? []
      : requireSecrets('jwt', config.secrets).map((s) => new TextEncoder().encode(s));
  const jwks =
    config.jwksUrl === undefined
      ? undefined
      : createJwks(requireJwksUrl('jwt', 'jwksUrl', config.jwksUrl), config.jwksCooldownMs);
  const maxTokenAge =
    config.maxTokenAgeSeconds === undefined
      ? undefined
      : requirePositiveSeconds('jwt', 'maxTokenAgeSeconds', config.maxTokenAgeSeconds);

  return {
    scheme: 'jwt',
    verify: (request, now = new Date()) =>
      failClosed(async () => {
        const authorization = requireHeader(request.headers, 'authorization', 'Authorization');
        const token = BEARER.exec(authorization)?.[1];
        if (token === undefined) {
          throw new AuthError('INLET_AUTH_MALFORMED', "Authorization header must be 'Bearer <token>'");
        }
        const algorithm = allowedAlgorithm(token, algorithms, 'bearer token');
        const hmac = isHmacAlgorithm(algorithm);
        const options: JWTVerifyOptions = {
          // Only the family the key type serves, so a JWKS key can never verify an HS* token or the reverse.
          algorithms: algorithms.filter((candidate) => isHmacAlgorithm(candidate) === hmac),
          issuer,
          audience,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          currentDate: now,
          // A bearer token must not live forever: it needs an expiry unless a maximum age bounds it.
          ...(maxTokenAge === undefined ? { requiredClaims: ['exp'] } : { maxTokenAge }),
        };
        try {
          if (hmac) return verified(await verifyWithSecrets(token, secretKeys, options));
          if (jwks === undefined) throw new AuthError('INLET_AUTH_INVALID', 'token algorithm is not allowed');
          return verified((await jwtVerify(token, jwks, options)).payload);
        } catch (error) {
          throw authErrorFromJose(error);
        }
      }),
  };
}
