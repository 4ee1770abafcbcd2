import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SignJWT, UnsecuredJWT } from 'jose';
import type { CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier } from '../../src/auth/index.js';
import type { CanvasJwtAuthConfig } from '../../src/auth/index.js';
import { expectAuthError, signingKey, startJwksServer, tamperPayload } from './auth-test-support.js';
import type { JwksServer, SigningKey } from './auth-test-support.js';

const NOW = new Date('2025-10-09T12:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);
const liveEvent = {
  metadata: { event_name: 'grade_change', event_time: '2025-10-09T11:59:58Z', root_account_uuid: 'acct-1' },
  body: { submission_id: '21000000000123', grade: 'A', score: 95, user_id: '21000000000042' },
};

let server: JwksServer;
let canvasKey: SigningKey;

beforeAll(async () => {
  canvasKey = await signingKey('canvas-2025-10');
  server = await startJwksServer([canvasKey.publicJwk]);
});
afterAll(() => server.close());

function signedEvent(key: SigningKey, claims: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ ...liveEvent, iat: nowSeconds - 2, exp: nowSeconds + 3600, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .sign(key.privateKey as CryptoKey);
}

const config = (overrides: Partial<CanvasJwtAuthConfig> = {}): CanvasJwtAuthConfig => ({
  scheme: 'canvas-jwt',
  jwksUrl: server.url,
  jwksCooldownMs: 0,
  ...overrides,
});
const asBody = (token: string) => ({
  rawBody: Buffer.from(token),
  headers: { 'content-type': 'application/jwt' },
});

describe('canvas-jwt verifier', () => {
  it('accepts a signed live event and returns it as payload and claims', async () => {
    const verifier = createVerifier(config());
    const result = await verifier.verify(asBody(await signedEvent(canvasKey)), NOW);
    expect(result.payload).toMatchObject(liveEvent);
    expect(result.claims).toMatchObject(liveEvent);
    expect(result.senderEventId).toBeUndefined();
    expect(verifier.scheme).toBe('canvas-jwt');
  });

  it('accepts a body with a trailing newline', async () => {
    const verifier = createVerifier(config());
    await expect(verifier.verify(asBody(`${await signedEvent(canvasKey)}\n`), NOW)).resolves.toBeDefined();
  });

  it('rejects a tampered event as INVALID', async () => {
    const verifier = createVerifier(config());
    await expectAuthError(
      verifier.verify(asBody(tamperPayload(await signedEvent(canvasKey))), NOW),
      'INLET_AUTH_INVALID',
    );
  });

  it('rejects an empty body as MISSING', async () => {
    const verifier = createVerifier(config());
    await expectAuthError(verifier.verify(asBody(''), NOW), 'INLET_AUTH_MISSING');
    await expectAuthError(verifier.verify(asBody(' \n'), NOW), 'INLET_AUTH_MISSING');
  });

  it.each([
    ['a plain JSON body', JSON.stringify(liveEvent)],
    ['two segments', 'eyJhbGciOiJSUzI1NiJ9.e30'],
    ['a garbage header segment', 'bm90IGpzb24.e30.c2ln'],
  ])('rejects %s as MALFORMED', async (_case, text) => {
    const verifier = createVerifier(config());
    await expectAuthError(verifier.verify(asBody(text), NOW), 'INLET_AUTH_MALFORMED');
  });

  it('accepts an event signed with a key published only after the first fetch (rotation)', async () => {
    const verifier = createVerifier(config());
    await verifier.verify(asBody(await signedEvent(canvasKey)), NOW);
    const rotated = await signingKey('canvas-2025-11');
    server.keys = [...server.keys, rotated.publicJwk];
    await expect(verifier.verify(asBody(await signedEvent(rotated)), NOW)).resolves.toBeDefined();
  });

  it('rejects an event signed with an unpublished key as INVALID', async () => {
    const verifier = createVerifier(config());
    const stranger = await signingKey('not-canvas');
    await expectAuthError(verifier.verify(asBody(await signedEvent(stranger)), NOW), 'INLET_AUTH_INVALID');
  });

  it.each([
    ['shorter', (signature: string) => signature.slice(0, 40)],
    ['longer', (signature: string) => `${signature}AAAA`],
  ])('rejects a %s signature as INVALID without throwing anything else', async (_case, change) => {
    const verifier = createVerifier(config());
    const [header, payload, signature = ''] = (await signedEvent(canvasKey)).split('.');
    await expectAuthError(
      verifier.verify(asBody([header, payload, change(signature)].join('.')), NOW),
      'INLET_AUTH_INVALID',
    );
  });

  it("rejects alg 'none' and HS256 events", async () => {
    const verifier = createVerifier(config());
    await expectAuthError(
      verifier.verify(asBody(new UnsecuredJWT(liveEvent).encode()), NOW),
      'INLET_AUTH_INVALID',
    );
    const hs = await new SignJWT(liveEvent)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('x'.repeat(32)));
    await expectAuthError(verifier.verify(asBody(hs), NOW), 'INLET_AUTH_INVALID');
  });

  it('answers UNAVAILABLE (503, retried by Canvas) while the JWKS endpoint fails', async () => {
    const failing = createServer((_request, response) => response.writeHead(500).end('down'));
    failing.listen(0, '127.0.0.1');
    await once(failing, 'listening');
    try {
      const jwksUrl = `http://127.0.0.1:${(failing.address() as AddressInfo).port}/jwks.json`;
      const verifier = createVerifier(config({ jwksUrl }));
      await expectAuthError(
        verifier.verify(asBody(await signedEvent(canvasKey)), NOW),
        'INLET_AUTH_UNAVAILABLE',
      );
    } finally {
      failing.close();
    }
  });

  it('rejects an expired event as EXPIRED', async () => {
    const verifier = createVerifier(config());
    await expectAuthError(
      verifier.verify(asBody(await signedEvent(canvasKey, { exp: nowSeconds - 60 })), NOW),
      'INLET_AUTH_EXPIRED',
    );
  });

  it('checks issuer and audience when configured', async () => {
    const verifier = createVerifier(config({ issuer: 'https://canvas.example.edu', audience: 'inlet' }));
    const token = await signedEvent(canvasKey, { iss: 'https://canvas.example.edu', aud: 'inlet' });
    await expect(verifier.verify(asBody(token), NOW)).resolves.toBeDefined();
    const wrongIssuer = await signedEvent(canvasKey, { iss: 'https://other.example.edu', aud: 'inlet' });
    await expectAuthError(verifier.verify(asBody(wrongIssuer), NOW), 'INLET_AUTH_INVALID');
    const noAudience = await signedEvent(canvasKey, { iss: 'https://canvas.example.edu' });
    await expectAuthError(verifier.verify(asBody(noAudience), NOW), 'INLET_AUTH_INVALID');
  });

  it('refuses a token that never expires: no exp and an iat from 2001, or neither claim', async () => {
    const verifier = createVerifier(config());
    const unsigned = (claims: Record<string, unknown>) =>
      new SignJWT({ ...liveEvent, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: canvasKey.kid })
        .sign(canvasKey.privateKey as CryptoKey);
    const from2001 = await unsigned({ iat: Date.UTC(2001, 0, 1) / 1000 });
    await expectAuthError(verifier.verify(asBody(from2001), NOW), 'INLET_AUTH_EXPIRED');
    await expectAuthError(verifier.verify(asBody(await unsigned({})), NOW), 'INLET_AUTH_INVALID');
    await expectAuthError(
      verifier.verify(asBody(await unsigned({ iat: nowSeconds + 3600 })), NOW),
      'INLET_AUTH_INVALID',
    );
  });

  it('accepts a token without exp while its iat is within maxTokenAgeSeconds (a day by default)', async () => {
    const withoutExp = (iat: number) =>
      new SignJWT({ ...liveEvent, iat })
        .setProtectedHeader({ alg: 'RS256', kid: canvasKey.kid })
        .sign(canvasKey.privateKey as CryptoKey);
    const hoursOld = await withoutExp(nowSeconds - 6 * 3600);
    await expect(createVerifier(config()).verify(asBody(hoursOld), NOW)).resolves.toBeDefined();
    await expectAuthError(
      createVerifier(config({ maxTokenAgeSeconds: 3600 })).verify(asBody(hoursOld), NOW),
      'INLET_AUTH_EXPIRED',
    );
  });

  it("never takes the token's jti as the event id", async () => {
    const verifier = createVerifier(config());
    const result = await verifier.verify(asBody(await signedEvent(canvasKey, { jti: 'token-1' })), NOW);
    expect(result.senderEventId).toBeUndefined();
  });

  it('never echoes the token in its errors', async () => {
    const verifier = createVerifier(config());
    const token = tamperPayload(await signedEvent(canvasKey));
    await expectAuthError(verifier.verify(asBody(token), NOW), 'INLET_AUTH_INVALID', [
      token,
      token.split('.')[2] ?? '',
    ]);
  });

  it("refuses 'none', HS* and a missing JWKS URL at creation", () => {
    expect(() => createVerifier(config({ algorithms: ['none'] }))).toThrow(/'none' is not allowed/);
    expect(() => createVerifier(config({ algorithms: ['HS256'] }))).toThrow(/HS\*/);
    expect(() => createVerifier(config({ jwksUrl: '' }))).toThrow(/jwksUrl/);
    expect(() => createVerifier(config({ jwksUrl: 'ftp://keys.example' }))).toThrow(/jwksUrl/);
  });

  it('fetches keys over https only, plain http for loopback alone', () => {
    // Whoever answers a plain-http JWKS URL on the way can add signing keys.
    expect(() => createVerifier(config({ jwksUrl: 'http://canvas.example.edu/jwks' }))).toThrow(
      /must be an https URL/,
    );
    expect(() => createVerifier(config({ jwksUrl: 'http://10.0.0.5/jwks' }))).toThrow(/https/);
    expect(() => createVerifier(config({ jwksUrl: 'https://canvas.example.edu/jwks' }))).not.toThrow();
    expect(() => createVerifier(config({ jwksUrl: 'http://127.0.0.1:8080/jwks' }))).not.toThrow();
    expect(() => createVerifier(config({ jwksUrl: 'http://localhost:8080/jwks' }))).not.toThrow();
    expect(() => createVerifier(config({ jwksUrl: 'http://[::1]:8080/jwks' }))).not.toThrow();
  });
});
