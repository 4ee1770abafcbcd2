import { jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyOptions } from 'jose';
import {
  requireAlgorithms,
  requireJwksUrl,
  requireNonEmptyString,
  requirePositiveSeconds,
} from './config-checks.js';
import { AuthError, failClosed } from './errors.js';
import {
  allowedAlgorithm,
  authErrorFromJose,
  CLOCK_TOLERANCE_SECONDS,
  createJwks,
  isHmacAlgorithm,
} from './jose-support.js';
import type { CanvasJwtAuthConfig, Verifier } from './types.js';

const DEFAULT_ALGORITHMS = ['RS256'];
/**
 * How old a token without `exp` may be, by its `iat`. Canvas re-sends a failed delivery for hours with the same
 * signed body, so the bound covers a day of retries; a token from last year is refused.
 */
export const DEFAULT_CANVAS_MAX_TOKEN_AGE_SECONDS = 24 * 60 * 60;

/**
 * Canvas "signed payload" Live Events: the request body IS a compact JWS signed with a key published (and
 * rotated) in Canvas's JWKS. The verified JWT payload is the live event itself (`{metadata, body}`).
 */
export function createCanvasJwtVerifier(config: CanvasJwtAuthConfig): Verifier {
  const algorithms = requireAlgorithms('canvas-jwt', config.algorithms ?? DEFAULT_ALGORITHMS);
  if (algorithms.some(isHmacAlgorithm)) {
    throw new Error('canvas-jwt auth config: HS* algorithms cannot be verified with a JWKS of public keys');
  }
  const jwks = createJwks(requireJwksUrl('canvas-jwt', 'jwksUrl', config.jwksUrl), config.jwksCooldownMs);
  const issuer =
    config.issuer === undefined ? undefined : requireNonEmptyString('canvas-jwt', 'issuer', config.issuer);
  const audience =
    config.audience === undefined
      ? undefined
      : requireNonEmptyString('canvas-jwt', 'audience', config.audience);
  const maxTokenAge = requirePositiveSeconds(
    'canvas-jwt',
    'maxTokenAgeSeconds',
    config.maxTokenAgeSeconds ?? DEFAULT_CANVAS_MAX_TOKEN_AGE_SECONDS,
  );

  return {
    scheme: 'canvas-jwt',
    verify: (request, now = new Date()) =>
      failClosed(async () => {
        // Senders may end the body with a newline; a compact JWS has no whitespace of its own.
        const token = request.rawBody.toString('utf8').trim();
        if (token === '')
          throw new AuthError('INLET_AUTH_MISSING', 'request body is empty; expected a signed JWT');
        allowedAlgorithm(token, algorithms, 'request body');
        const options: JWTVerifyOptions = {
          algorithms,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          currentDate: now,
          ...(issuer === undefined ? {} : { issuer }),
          ...(audience === undefined ? {} : { audience }),
        };
        try {
          const { payload } = await jwtVerify(token, jwks, options);
          requireBoundedLifetime(payload, maxTokenAge, now);
          // No senderEventId: a token's `jti` names the token, not the event (an event's id comes from the body).
          return { claims: payload, payload };
        } catch (error) {
          throw authErrorFromJose(error);
        }
      }),
  };
}

/**
 * A signed body must not stay valid forever: jose already refused an `exp` in the past, so a token without one
 * needs an `iat` no older than `maxTokenAgeSeconds`. Otherwise anything ever signed by a key in the JWKS would be
 * accepted for as long as that key is published.
 */
function requireBoundedLifetime(payload: JWTPayload, maxTokenAgeSeconds: number, now: Date): void {
  if (typeof payload.exp === 'number') return;
  if (typeof payload.iat !== 'number') {
    throw new AuthError('INLET_AUTH_INVALID', 'token has neither an "exp" nor an "iat" claim');
  }
  const ageSeconds = now.getTime() / 1000 - payload.iat;
  if (ageSeconds > maxTokenAgeSeconds + CLOCK_TOLERANCE_SECONDS) {
    throw new AuthError(
      'INLET_AUTH_EXPIRED',
      `token has no "exp" and its "iat" is older than ${maxTokenAgeSeconds} s`,
    );
  }
  if (ageSeconds < -CLOCK_TOLERANCE_SECONDS) {
    throw new AuthError('INLET_AUTH_INVALID', 'token "iat" is in the future');
  }
}
