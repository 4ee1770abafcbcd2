import { createPublicKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier } from '../../src/auth/index.js';
import type { JwtAuthConfig } from '../../src/auth/index.js';
import { expectAuthError, signingKey, startJwksServer, tamperPayload } from './auth-test-support.js';
import type { JwksServer, SigningKey } from './auth-test-support.js';
import {
  AUDIENCE,
  ISSUER,
  NOW,
  SECRET,
  asymmetric,
  bearer,
  claims,
  encode,
  hs256,
  nowSeconds,
} from './jwt-test-tokens.js';

describe('jwt verifier with a remote JWKS (RS256, ES256)', () => {
  let server: JwksServer;
  let rsaKey: SigningKey;
  let ecKey: SigningKey;

  beforeAll(async () => {
    rsaKey = await signingKey('rsa-2025-10');
    ecKey = await signingKey('ec-2025-10', 'ES256');
    server = await startJwksServer([rsaKey.publicJwk, ecKey.publicJwk]);
  });
  afterAll(() => server.close());

  const jwksConfig = (overrides: Partial<JwtAuthConfig> = {}): JwtAuthConfig => ({
    scheme: 'jwt',
    jwksUrl: server.url,
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ['RS256', 'ES256'],
    ...overrides,
  });

  it('accepts RS256 and ES256 tokens whose kid is in the JWKS', async () => {
    const verifier = createVerifier(jwksConfig());
    await expect(verifier.verify(bearer(await asymmetric(rsaKey)), NOW)).resolves.toMatchObject({
      claims: { jti: 'evt-internal-1' },
    });
    await expect(verifier.verify(bearer(await asymmetric(ecKey, {}, 'ES256')), NOW)).resolves.toBeDefined();
  });

  it('rejects a tampered token and a token with an unknown kid as INVALID', async () => {
    const verifier = createVerifier(jwksConfig({ jwksCooldownMs: 0 }));
    await expectAuthError(
      verifier.verify(bearer(tamperPayload(await asymmetric(rsaKey))), NOW),
      'INLET_AUTH_INVALID',
    );
    const stranger = await signingKey('never-published');
    await expectAuthError(verifier.verify(bearer(await asymmetric(stranger)), NOW), 'INLET_AUTH_INVALID');
  });

  it('accepts a token signed with a key that appears in the JWKS only after the first fetch (rotation)', async () => {
    const verifier = createVerifier(jwksConfig({ jwksCooldownMs: 0 }));
    await verifier.verify(bearer(await asymmetric(rsaKey)), NOW);
    const fetchesBefore = server.fetches;

    const rotated = await signingKey('rsa-2025-11');
    server.keys = [...server.keys, rotated.publicJwk];
    await expect(verifier.verify(bearer(await asymmetric(rotated)), NOW)).resolves.toBeDefined();
    expect(server.fetches).toBe(fetchesBefore + 1);
  });

  it('caches the key set between requests', async () => {
    const verifier = createVerifier(jwksConfig());
    const token = await asymmetric(rsaKey);
    await verifier.verify(bearer(token), NOW);
    const fetchesAfterFirst = server.fetches;
    await verifier.verify(bearer(token), NOW);
    await verifier.verify(bearer(token), NOW);
    expect(server.fetches).toBe(fetchesAfterFirst);
  });

  it('rejects an HS256 token made with the public key as secret (algorithm confusion)', async () => {
    const verifier = createVerifier(jwksConfig({ algorithms: ['RS256'] }));
    const publicPem = createPublicKey({ key: rsaKey.publicJwk, format: 'jwk' }).export({
      type: 'spki',
      format: 'pem',
    });
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS256', kid: rsaKey.kid })
      .sign(encode(publicPem.toString()));
    await expectAuthError(verifier.verify(bearer(token), NOW), 'INLET_AUTH_INVALID');
  });

  it('rejects an expired RS256 token as EXPIRED and a wrong audience as INVALID', async () => {
    const verifier = createVerifier(jwksConfig());
    await expectAuthError(
      verifier.verify(bearer(await asymmetric(rsaKey, { exp: nowSeconds - 60 })), NOW),
      'INLET_AUTH_EXPIRED',
    );
    await expectAuthError(
      verifier.verify(bearer(await asymmetric(rsaKey, { aud: 'other' })), NOW),
      'INLET_AUTH_INVALID',
    );
  });

  it('fails closed with UNAVAILABLE (503, so the sender retries) when the JWKS cannot be fetched', async () => {
    const unreachable = await startJwksServer([]);
    const url = unreachable.url;
    await unreachable.close();
    const verifier = createVerifier(jwksConfig({ jwksUrl: url }));
    const error = await expectAuthError(
      verifier.verify(bearer(await asymmetric(rsaKey)), NOW),
      'INLET_AUTH_UNAVAILABLE',
    );
    expect(error.statusCode).toBe(503);
    expect(error.message).toMatch(/signing keys could not be loaded.*retry later/);
  });

  it('serves HS256 from secrets and RS256 from the JWKS when both are configured', async () => {
    const verifier = createVerifier(jwksConfig({ secrets: [SECRET], algorithms: ['HS256', 'RS256'] }));
    await expect(verifier.verify(bearer(await hs256(SECRET)), NOW)).resolves.toBeDefined();
    await expect(verifier.verify(bearer(await asymmetric(rsaKey)), NOW)).resolves.toBeDefined();
  });
});
