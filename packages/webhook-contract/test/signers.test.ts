import { createHmac } from 'node:crypto';
import { decodeProtectedHeader, generateKeyPair, jwtVerify } from 'jose';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import {
  hmacSignature,
  signJwt,
  signWebhook,
  SigningError,
  standardWebhooksHeaders,
  stripeSignature,
  usesSharedSecret,
  type SourceEntry,
} from '../src/index.js';

// Each signature is checked here as the ingress checks it: with node:crypto, standardwebhooks and jose directly.

const hex = (secret: string, bytes: string | Buffer) =>
  createHmac('sha256', secret).update(bytes).digest('hex');
const now = new Date('2026-03-01T12:00:00Z');
const seconds = now.getTime() / 1000;
const payload = { id: 'evt-1', type: 'grade.updated', data: { score: 1 } };
const secretOf = {
  hmac: 'hmac-secret',
  standard: 'whsec_' + Buffer.from('standard-secret').toString('base64'),
};

const source = (family: SourceEntry['family'], auth: SourceEntry['auth']): SourceEntry => ({
  id: 'sender',
  family,
  auth,
});
const sign = (entry: SourceEntry, secret: string | undefined, extra: object = {}) =>
  signWebhook({ source: entry, payload, secret, privateKey: undefined, now, ...extra });

describe('the signing primitives', () => {
  it('hmac: sha256=<hex> of the exact bytes', () => {
    expect(hmacSignature('k', 'body')).toBe(`sha256=${hex('k', 'body')}`);
    expect(hmacSignature('k', Buffer.from('body'))).toBe(hmacSignature('k', 'body'));
  });

  it('stripe: t=<seconds>,v1=<hex of "<t>.<body>">', () => {
    expect(stripeSignature('whsec_x', 'body', 1700)).toBe(`t=1700,v1=${hex('whsec_x', '1700.body')}`);
  });

  it('standard webhooks: headers the reference implementation verifies', () => {
    const headers = standardWebhooksHeaders(secretOf.standard, 'msg_1', '{"a":1}', new Date());
    expect(headers['webhook-id']).toBe('msg_1');
    expect(new Webhook(secretOf.standard).verify('{"a":1}', { ...headers })).toEqual({ a: 1 });
  });

  it('jwt: HS256 with a secret, an asymmetric algorithm with a private key and its kid', async () => {
    const token = await signJwt({
      algorithm: 'HS256',
      secret: 's',
      issuer: 'i',
      audience: 'a',
      jti: 'j',
      now,
    });
    const { payload: claims } = await jwtVerify(token, new TextEncoder().encode('s'), {
      issuer: 'i',
      audience: 'a',
      currentDate: now,
    });
    expect(claims).toMatchObject({ iat: seconds, exp: seconds + 300, jti: 'j' });

    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const signed = await signJwt({ algorithm: 'RS256', privateKey: { key: privateKey, kid: 'k1' }, now });
    expect(decodeProtectedHeader(signed)).toMatchObject({ alg: 'RS256', kid: 'k1' });
    await expect(jwtVerify(signed, publicKey, { currentDate: now })).resolves.toBeDefined();
    await expect(signJwt({ algorithm: 'HS256' })).rejects.toThrow(
      'a HS256 token needs a secret or a private key',
    );
  });
});

describe('signWebhook', () => {
  it('signs the JSON body with each shared-secret scheme, headers lower-case', async () => {
    const hmac = await sign(source('lti', { scheme: 'hmac', secrets: [], header: 'X-Sig' }), secretOf.hmac);
    expect(hmac.headers['x-sig']).toBe(`sha256=${hex(secretOf.hmac, hmac.body)}`);
    expect(JSON.parse(hmac.body.toString())).toEqual(payload);

    const key = await sign(source('services', { scheme: 'api-key', secrets: [] }), 'api-key');
    expect(key.headers['x-api-key']).toBe('api-key');

    const stripe = await sign(source('commerce', { scheme: 'stripe', secrets: [] }), 'whsec_s');
    expect(stripe.headers['stripe-signature']).toBe(
      `t=${seconds},v1=${hex('whsec_s', `${seconds}.${stripe.body.toString()}`)}`,
    );
  });

  it('standard-webhooks: a fresh webhook-id per send', async () => {
    const entry = source('commerce', { scheme: 'standard-webhooks', secrets: [] });
    // The reference verifier checks the timestamp against the clock: sign at the current time.
    const at = { now: new Date() };
    const [first, second] = [
      await sign(entry, secretOf.standard, at),
      await sign(entry, secretOf.standard, at),
    ];
    expect(first.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(second.headers['webhook-id']).not.toBe(first.headers['webhook-id']);
    expect(new Webhook(secretOf.standard).verify(first.body.toString(), first.headers)).toEqual(payload);
  });

  it('moodle-token: the token inside the body, in the source’s field', async () => {
    const signed = await sign(
      source('lti', { scheme: 'moodle-token', secrets: [], field: 'wstoken' }),
      'tok',
    );
    expect(JSON.parse(signed.body.toString())).toEqual({ ...payload, wstoken: 'tok' });
    expect(signed.headers).toEqual({ 'content-type': 'application/json' });
  });

  it('jwt: a bearer token with the source’s issuer and audience and the given subject', async () => {
    const entry = source('internal', {
      scheme: 'jwt',
      issuer: 'p',
      audience: 'inlet',
      algorithms: ['HS256'],
    });
    const signed = await sign(entry, 'jwt-secret', { subject: 'tool' });
    const token = signed.headers.authorization!.replace(/^Bearer /, '');
    const { payload: claims } = await jwtVerify(token, new TextEncoder().encode('jwt-secret'), {
      issuer: 'p',
      audience: 'inlet',
      subject: 'tool',
      currentDate: now,
    });
    expect(claims.jti).toEqual(expect.any(String));
  });

  it('canvas-jwt: the body is the JWT, signed with the private key; without one a SigningError', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const entry = source('lti', {
      scheme: 'canvas-jwt',
      jwksUrl: 'https://canvas.example/jwks',
      issuer: 'c',
    });
    const signed = await sign(entry, undefined, { privateKey: { key: privateKey, kid: 'c1' } });
    expect(signed.headers['content-type']).toBe('application/jwt');
    const { payload: claims } = await jwtVerify(signed.body.toString(), publicKey, {
      issuer: 'c',
      currentDate: now,
    });
    expect(claims).toMatchObject(payload);
    await expect(sign(entry, undefined)).rejects.toThrow(SigningError);
    await expect(sign(entry, undefined)).rejects.toThrow('--key private.pem --kid <key id>');
  });

  it('knows which schemes sign with the shared secret', () => {
    const jwks = source('internal', { scheme: 'jwt', issuer: 'i', audience: 'a', algorithms: ['RS256'] });
    const hs = source('internal', {
      scheme: 'jwt',
      issuer: 'i',
      audience: 'a',
      algorithms: ['HS256', 'RS256'],
    });
    expect(usesSharedSecret(source('lti', { scheme: 'canvas-jwt', jwksUrl: 'https://x' }), true)).toBe(false);
    expect(usesSharedSecret(jwks, false)).toBe(false);
    expect(usesSharedSecret(hs, false)).toBe(true);
    expect(usesSharedSecret(hs, true)).toBe(false);
    expect(usesSharedSecret(source('lti', { scheme: 'hmac', secrets: [] }), false)).toBe(true);
  });

  it('refuses a jwt source with only asymmetric algorithms and no key, saying what to pass', async () => {
    const entry = source('internal', { scheme: 'jwt', issuer: 'i', audience: 'a', algorithms: ['ES256'] });
    await expect(sign(entry, undefined)).rejects.toThrow('source sender accepts ES256 tokens: pass --key');
  });
});
