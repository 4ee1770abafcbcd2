import { createPublicKey } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import type { CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier } from '../../src/auth/index.js';
import type { JwtAuthConfig } from '../../src/auth/index.js';
import { expectAuthError, signingKey, startJwksServer, tamperPayload } from './auth-test-support.js';
import type { JwksServer, SigningKey } from './auth-test-support.js';

const SECRET = 'internal-jwt-secret-at-least-32-bytes-long!';
const OLD_SECRET = 'internal-jwt-previous-secret-32-bytes-long';
const ISSUER = 'https://grades.internal.example';
const AUDIENCE = 'inlet-ingress';
const NOW = new Date('2025-10-09T12:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);
const body = Buffer.from('{"type":"grade.created"}');

const encode = (secret: string) => new TextEncoder().encode(secret);

interface Claims {
  iss?: string;
  aud?: string;
  iat?: number;
  exp?: number;
  nbf?: number;
  jti?: string;
}

function claims(overrides: Claims = {}): Record<string, unknown> {
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

function hs256(secret: string, overrides: Claims = {}): Promise<string> {
  return new SignJWT(claims(overrides)).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(encode(secret));
}

function asymmetric(key: SigningKey, overrides: Claims = {}, alg = 'RS256'): Promise<string> {
  return new SignJWT(claims(overrides))
    .setProtectedHeader({ alg, kid: key.kid })
    .sign(key.privateKey as CryptoKey);
}

const bearer = (token: string) => ({ rawBody: body, headers: { authorization: `Bearer ${token}` } });

const hsConfig: JwtAuthConfig = {
  scheme: 'jwt',
  secrets: [SECRET],
  issuer: ISSUER,
  audience: AUDIENCE,
  algorithms: ['HS256'],
};

describe('jwt verifier with shared secrets (HS256)', () => {
  const verifier = createVerifier(hsConfig);

  it('accepts a valid bearer token and returns its claims, never its jti as the event id', async () => {
    const result = await verifier.verify(bearer(await hs256(SECRET)), NOW);
    // A jti names the token: one cached token may carry many events, and a retry may carry a new one.
    expect(result.claims).toMatchObject({ jti: 'evt-internal-1' });
    expect(result.senderEventId).toBeUndefined();
    expect(result.claims).toMatchObject({ iss: ISSUER, aud: AUDIENCE, sub: 'grades-service' });
    expect(result.payload).toBeUndefined();
    expect(verifier.scheme).toBe('jwt');
  });

  it('leaves senderEventId undefined without jti', async () => {
    const token = await new SignJWT({ iss: ISSUER, aud: AUDIENCE, exp: nowSeconds + 60 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(encode(SECRET));
    const result = await verifier.verify(bearer(token), NOW);
    expect(result.senderEventId).toBeUndefined();
  });

  it('rejects a tampered token as INVALID', async () => {
    await expectAuthError(
      verifier.verify(bearer(tamperPayload(await hs256(SECRET))), NOW),
      'INLET_AUTH_INVALID',
    );
  });

  it('rejects a token signed with another secret as INVALID without revealing secret or token', async () => {
    const token = await hs256('not-the-configured-secret-but-long-enough');
    const error = await expectAuthError(verifier.verify(bearer(token), NOW), 'INLET_AUTH_INVALID', [
      SECRET,
      token,
    ]);
    expect(error.message).toBe('token signature does not match');
  });

  it('rejects a missing Authorization header as MISSING', async () => {
    const error = await expectAuthError(
      verifier.verify({ rawBody: body, headers: {} }, NOW),
      'INLET_AUTH_MISSING',
    );
    expect(error.message).toBe('Authorization header is missing');
  });

  it.each([
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['a bearer without token', 'Bearer'],
    ['a token that is not a JWT', 'Bearer not-a-jwt'],
    ['a JWT with a garbage header', 'Bearer e30x.e30.c2ln'],
  ])('rejects %s as MALFORMED', async (_case, authorization) => {
    await expectAuthError(
      verifier.verify({ rawBody: body, headers: { authorization } }, NOW),
      'INLET_AUTH_MALFORMED',
    );
  });

  it('accepts a token signed with any configured secret (rotation)', async () => {
    const rotating = createVerifier({ ...hsConfig, secrets: [OLD_SECRET, SECRET] });
    await expect(rotating.verify(bearer(await hs256(SECRET)), NOW)).resolves.toBeDefined();
    await expect(rotating.verify(bearer(await hs256(OLD_SECRET)), NOW)).resolves.toBeDefined();
  });

  it('reports why a token of the right secret failed even when other secrets do not match', async () => {
    const rotating = createVerifier({ ...hsConfig, secrets: [OLD_SECRET, SECRET] });
    await expectAuthError(
      rotating.verify(bearer(await hs256(SECRET, { exp: nowSeconds - 60 })), NOW),
      'INLET_AUTH_EXPIRED',
    );
  });

  it.each([
    ['shorter', (signature: string) => signature.slice(0, 20)],
    ['longer', (signature: string) => `${signature}AAAA`],
    ['empty', () => ''],
  ])('rejects a %s signature as INVALID without throwing anything else', async (_case, change) => {
    const [header, payload, signature = ''] = (await hs256(SECRET)).split('.');
    const token = [header, payload, change(signature)].join('.');
    await expectAuthError(verifier.verify(bearer(token), NOW), 'INLET_AUTH_INVALID');
  });

  it("rejects an unsigned alg 'none' token", async () => {
    const token = new UnsecuredJWT(claims()).encode();
    const error = await expectAuthError(verifier.verify(bearer(token), NOW), 'INLET_AUTH_INVALID');
    expect(error.message).toBe('token algorithm is not allowed');
  });

  it('rejects an algorithm outside the allow-list', async () => {
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS512' }).sign(encode(SECRET));
    await expectAuthError(verifier.verify(bearer(token), NOW), 'INLET_AUTH_INVALID');
  });

  it('rejects a wrong issuer or audience as INVALID', async () => {
    const wrongIssuer = await expectAuthError(
      verifier.verify(bearer(await hs256(SECRET, { iss: 'https://evil.example' })), NOW),
      'INLET_AUTH_INVALID',
    );
    expect(wrongIssuer.message).toBe('token issuer is not accepted');
    const wrongAudience = await expectAuthError(
      verifier.verify(bearer(await hs256(SECRET, { aud: 'someone-else' })), NOW),
      'INLET_AUTH_INVALID',
    );
    expect(wrongAudience.message).toBe('token audience is not accepted');
  });

  it('rejects an expired or not-yet-valid token as EXPIRED, with 5 s of clock tolerance', async () => {
    await expectAuthError(
      verifier.verify(bearer(await hs256(SECRET, { exp: nowSeconds - 6 })), NOW),
      'INLET_AUTH_EXPIRED',
    );
    await expect(
      verifier.verify(bearer(await hs256(SECRET, { exp: nowSeconds - 4 })), NOW),
    ).resolves.toBeDefined();
    await expectAuthError(
      verifier.verify(bearer(await hs256(SECRET, { nbf: nowSeconds + 60 })), NOW),
      'INLET_AUTH_EXPIRED',
    );
  });

  it('requires exp unless a maximum token age bounds the token', async () => {
    const { exp: _exp, ...withoutExp } = claims();
    const token = await new SignJWT(withoutExp).setProtectedHeader({ alg: 'HS256' }).sign(encode(SECRET));
    await expectAuthError(verifier.verify(bearer(token), NOW), 'INLET_AUTH_INVALID');
    const bounded = createVerifier({ ...hsConfig, maxTokenAgeSeconds: 60 });
    await expect(bounded.verify(bearer(token), NOW)).resolves.toBeDefined();
  });

  it('rejects a token older than maxTokenAgeSeconds as EXPIRED', async () => {
    const bounded = createVerifier({ ...hsConfig, maxTokenAgeSeconds: 60 });
    const token = await hs256(SECRET, { iat: nowSeconds - 120 });
    await expectAuthError(bounded.verify(bearer(token), NOW), 'INLET_AUTH_EXPIRED');
  });

  it("refuses algorithm 'none' and other unusable configs at creation", () => {
    expect(() => createVerifier({ ...hsConfig, algorithms: ['none'] })).toThrow(/'none' is not allowed/);
    expect(() => createVerifier({ ...hsConfig, algorithms: ['HS256', 'NONE'] })).toThrow(
      /'none' is not allowed/,
    );
    expect(() => createVerifier({ ...hsConfig, algorithms: [] })).toThrow(/algorithms/);
    expect(() => createVerifier({ ...hsConfig, algorithms: ['RS256'] })).toThrow(/jwksUrl/);
    expect(() => createVerifier({ ...hsConfig, secrets: undefined })).toThrow(/secrets/);
    expect(() => createVerifier({ ...hsConfig, issuer: '' })).toThrow(/issuer/);
    expect(() => createVerifier({ ...hsConfig, audience: '' })).toThrow(/audience/);
  });
});

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
