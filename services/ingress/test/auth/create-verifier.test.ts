import { describe, expect, it } from 'vitest';
import { AuthError, createVerifier } from '../../src/auth/index.js';
import type { AuthConfig } from '../../src/auth/index.js';

describe('createVerifier', () => {
  it.each<AuthConfig>([
    { scheme: 'hmac', secrets: ['s'] },
    { scheme: 'api-key', secrets: ['s'] },
    { scheme: 'stripe', secrets: ['whsec_s'], toleranceSeconds: 300 },
    { scheme: 'standard-webhooks', secrets: ['whsec_c2VjcmV0'], toleranceSeconds: 300 },
    { scheme: 'jwt', secrets: ['s'], issuer: 'i', audience: 'a', algorithms: ['HS256'] },
    { scheme: 'canvas-jwt', jwksUrl: 'https://canvas.example.edu/api/lti/security/jwks' },
    { scheme: 'moodle-token', secrets: ['s'] },
  ])('dispatches $scheme', (config) => {
    expect(createVerifier(config).scheme).toBe(config.scheme);
  });

  it('refuses an unknown scheme', () => {
    expect(() => createVerifier({ scheme: 'basic' } as unknown as AuthConfig)).toThrow(/unknown auth scheme/);
  });

  it('turns an unexpected failure inside verification into INVALID, never a pass', async () => {
    const verifier = createVerifier({ scheme: 'hmac', secrets: ['s'] });
    const broken = { rawBody: null as unknown as Buffer, headers: { 'x-webhook-signature': 'sha256=00' } };
    const error: unknown = await verifier.verify(broken).catch((rejection: unknown) => rejection);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: 'INLET_AUTH_INVALID', statusCode: 401 });
  });
});
