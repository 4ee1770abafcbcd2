import { createApiKeyVerifier } from './api-key.js';
import { createCanvasJwtVerifier } from './canvas-jwt.js';
import { createHmacVerifier } from './hmac.js';
import { createJwtVerifier } from './jwt.js';
import { createMoodleTokenVerifier } from './moodle-token.js';
import { createStandardWebhooksVerifier } from './standard-webhooks.js';
import { createStripeVerifier } from './stripe.js';
import type { AuthConfig, Verifier } from './types.js';

export { AuthError } from './errors.js';
export type { AuthErrorCode } from './errors.js';
export type * from './types.js';

/**
 * The verifier for one source's auth config. Throws (a plain Error naming the problem, never a secret) when the
 * config is unusable, e.g. an algorithm allow-list containing 'none' — so a bad config fails at start-up.
 */
export function createVerifier(config: AuthConfig): Verifier {
  switch (config.scheme) {
    case 'hmac':
      return createHmacVerifier(config);
    case 'api-key':
      return createApiKeyVerifier(config);
    case 'stripe':
      return createStripeVerifier(config);
    case 'standard-webhooks':
      return createStandardWebhooksVerifier(config);
    case 'jwt':
      return createJwtVerifier(config);
    case 'canvas-jwt':
      return createCanvasJwtVerifier(config);
    case 'moodle-token':
      return createMoodleTokenVerifier(config);
    default: {
      const unknown: never = config;
      throw new Error(`unknown auth scheme '${String((unknown as { scheme?: unknown }).scheme)}'`);
    }
  }
}
