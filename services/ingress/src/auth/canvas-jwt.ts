import { jwtVerify } from 'jose';
import type { JWTVerifyOptions } from 'jose';
import { requireAlgorithms, requireHttpUrl, requireNonEmptyString } from './config-checks.js';
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
 * Canvas "signed payload" Live Events: the request body IS a compact JWS signed with a key published (and
 * rotated) in Canvas's JWKS. The verified JWT payload is the live event itself (`{metadata, body}`).
 */
export function createCanvasJwtVerifier(config: CanvasJwtAuthConfig): Verifier {
  const algorithms = requireAlgorithms('canvas-jwt', config.algorithms ?? DEFAULT_ALGORITHMS);
  if (algorithms.some(isHmacAlgorithm)) {
    throw new Error('canvas-jwt auth config: HS* algorithms cannot be verified with a JWKS of public keys');
  }
  const jwks = createJwks(requireHttpUrl('canvas-jwt', 'jwksUrl', config.jwksUrl), config.jwksCooldownMs);
  const issuer =
    config.issuer === undefined ? undefined : requireNonEmptyString('canvas-jwt', 'issuer', config.issuer);
  const audience =
    config.audience === undefined
      ? undefined
      : requireNonEmptyString('canvas-jwt', 'audience', config.audience);

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
          return {
            claims: payload,
            payload,
            ...(typeof payload.jti === 'string' ? { senderEventId: payload.jti } : {}),
          };
        } catch (error) {
          throw authErrorFromJose(error);
        }
      }),
  };
}
