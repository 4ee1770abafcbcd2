import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createVerifier } from '../../src/auth/index.js';
import { expectAuthError, tamperPayload } from './auth-test-support.js';
import {
  AUDIENCE,
  ISSUER,
  NOW,
  OLD_SECRET,
  SECRET,
  bearer,
  body,
  claims,
  encode,
  hs256,
  hsConfig,
  nowSeconds,
} from './jwt-test-tokens.js';

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
