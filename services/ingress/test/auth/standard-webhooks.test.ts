import { createHmac, randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { createVerifier } from '../../src/auth/index.js';
import { expectAuthError, json } from './auth-test-support.js';

const SECRET = `whsec_${randomBytes(24).toString('base64')}`;
const OLD_SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const TOLERANCE = 300;
const MESSAGE_ID = 'msg_2Lx8kQ';
const SIGNED_AT = new Date('2025-10-09T12:00:00Z');
const body = json({ type: 'transcription.completed', data: { id: 't-1' } });

const secondsAfterSigning = (seconds: number) => new Date(SIGNED_AT.getTime() + seconds * 1000);
const NOW = secondsAfterSigning(10);

function headers(secret: string, options: { id?: string; at?: Date; payload?: Buffer } = {}) {
  const id = options.id ?? MESSAGE_ID;
  const at = options.at ?? SIGNED_AT;
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, options.payload ?? body),
  };
}

const verifier = createVerifier({
  scheme: 'standard-webhooks',
  secrets: [SECRET],
  toleranceSeconds: TOLERANCE,
});

describe('standard-webhooks verifier', () => {
  it('accepts a message signed by the standardwebhooks package and returns webhook-id', async () => {
    await expect(verifier.verify({ rawBody: body, headers: headers(SECRET) }, NOW)).resolves.toEqual({
      senderEventId: MESSAGE_ID,
    });
    expect(verifier.scheme).toBe('standard-webhooks');
  });

  it('accepts what the reference implementation accepts (same signed content)', async () => {
    const now = new Date();
    const signed = headers(SECRET, { at: now });
    expect(() => new Webhook(SECRET).verify(body, signed, { jsonParse: false })).not.toThrow();
    await expect(verifier.verify({ rawBody: body, headers: signed }, now)).resolves.toEqual({
      senderEventId: MESSAGE_ID,
    });
  });

  it('rejects a tampered body or a swapped webhook-id as INVALID', async () => {
    const tampered = json({ type: 'transcription.completed', data: { id: 't-2' } });
    await expectAuthError(
      verifier.verify({ rawBody: tampered, headers: headers(SECRET) }, NOW),
      'INLET_AUTH_INVALID',
    );
    const swapped = { ...headers(SECRET), 'webhook-id': 'msg_other' };
    await expectAuthError(verifier.verify({ rawBody: body, headers: swapped }, NOW), 'INLET_AUTH_INVALID');
  });

  it('verifies the raw bytes, not their UTF-8 decoding', async () => {
    const signedBytes = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]); // {"a":"<0xff>"}
    const otherBytes = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xfe, 0x22, 0x7d]); // decodes the same
    expect(otherBytes.toString('utf8')).toBe(signedBytes.toString('utf8'));
    const timestamp = String(Math.floor(SIGNED_AT.getTime() / 1000));
    const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
    const signature = createHmac('sha256', key)
      .update(`${MESSAGE_ID}.${timestamp}.`)
      .update(signedBytes)
      .digest('base64');
    const signedHeaders = {
      'webhook-id': MESSAGE_ID,
      'webhook-timestamp': timestamp,
      'webhook-signature': `v1,${signature}`,
    };
    await expect(
      verifier.verify({ rawBody: signedBytes, headers: signedHeaders }, NOW),
    ).resolves.toBeDefined();
    await expectAuthError(
      verifier.verify({ rawBody: otherBytes, headers: signedHeaders }, NOW),
      'INLET_AUTH_INVALID',
    );
  });

  it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const)(
    'rejects a request without %s as MISSING',
    async (name) => {
      const { [name]: _removed, ...rest } = headers(SECRET);
      const error = await expectAuthError(
        verifier.verify({ rawBody: body, headers: rest }, NOW),
        'INLET_AUTH_MISSING',
      );
      expect(error.message).toBe(`${name} header is missing`);
    },
  );

  it.each([
    ['a signature without version', { 'webhook-signature': 'abcdef' }],
    ['only non-v1 signatures', { 'webhook-signature': 'v1a,abcdef' }],
    ['an empty v1 signature', { 'webhook-signature': 'v1,' }],
    ['a non-numeric timestamp', { 'webhook-timestamp': 'yesterday' }],
  ])('rejects %s as MALFORMED', async (_case, override) => {
    const malformed = { ...headers(SECRET), ...override };
    await expectAuthError(
      verifier.verify({ rawBody: body, headers: malformed }, NOW),
      'INLET_AUTH_MALFORMED',
      [SECRET],
    );
  });

  it('accepts a signature made with any configured secret (rotation)', async () => {
    const rotating = createVerifier({
      scheme: 'standard-webhooks',
      secrets: [OLD_SECRET, SECRET],
      toleranceSeconds: TOLERANCE,
    });
    await expect(rotating.verify({ rawBody: body, headers: headers(SECRET) }, NOW)).resolves.toBeDefined();
    await expect(
      rotating.verify({ rawBody: body, headers: headers(OLD_SECRET) }, NOW),
    ).resolves.toBeDefined();
  });

  it('accepts a space-separated list of signatures of which only the second matches', async () => {
    const list = `${headers(OLD_SECRET)['webhook-signature']} ${headers(SECRET)['webhook-signature']}`;
    const signed = { ...headers(SECRET), 'webhook-signature': list };
    await expect(verifier.verify({ rawBody: body, headers: signed }, NOW)).resolves.toBeDefined();
  });

  it.each([
    ['shorter', (signature: string) => signature.slice(0, 10)],
    ['longer', (signature: string) => `${signature}AAAA`],
    ['re-padded', (signature: string) => `${signature}=`],
  ])('rejects a %s signature as INVALID without throwing anything else', async (_case, change) => {
    const signature = headers(SECRET)['webhook-signature'];
    const changed = { ...headers(SECRET), 'webhook-signature': `v1,${change(signature.slice(3))}` };
    await expectAuthError(verifier.verify({ rawBody: body, headers: changed }, NOW), 'INLET_AUTH_INVALID');
  });

  it('rejects a timestamp outside the tolerance, in either direction, as EXPIRED', async () => {
    const signed = headers(SECRET);
    await expect(
      verifier.verify({ rawBody: body, headers: signed }, secondsAfterSigning(TOLERANCE)),
    ).resolves.toBeDefined();
    const error = await expectAuthError(
      verifier.verify({ rawBody: body, headers: signed }, secondsAfterSigning(TOLERANCE + 1)),
      'INLET_AUTH_EXPIRED',
    );
    expect(error.message).toBe('webhook-timestamp is outside the 300 s tolerance');
    await expectAuthError(
      verifier.verify({ rawBody: body, headers: signed }, secondsAfterSigning(-TOLERANCE - 1)),
      'INLET_AUTH_EXPIRED',
    );
  });

  it('uses the configured tolerance', async () => {
    const lenient = createVerifier({ scheme: 'standard-webhooks', secrets: [SECRET], toleranceSeconds: 900 });
    await expect(
      lenient.verify({ rawBody: body, headers: headers(SECRET) }, secondsAfterSigning(600)),
    ).resolves.toBeDefined();
  });

  it('reports an old message with a wrong signature as INVALID, not EXPIRED', async () => {
    await expectAuthError(
      verifier.verify({ rawBody: body, headers: headers(OLD_SECRET) }, secondsAfterSigning(3600)),
      'INLET_AUTH_INVALID',
    );
  });

  it('never reveals the secret or the expected signature', async () => {
    const expected = headers(SECRET)['webhook-signature'].slice(3);
    const wrong = headers(OLD_SECRET);
    const error = await expectAuthError(
      verifier.verify({ rawBody: body, headers: wrong }, NOW),
      'INLET_AUTH_INVALID',
      [SECRET, SECRET.slice('whsec_'.length), expected],
    );
    expect(error.message).toBe('signature does not match');
  });

  it('refuses a secret that is not base64 at creation, without echoing it', () => {
    const broken = 'whsec_not*base64!';
    const create = () =>
      createVerifier({ scheme: 'standard-webhooks', secrets: [broken], toleranceSeconds: 300 });
    expect(create).toThrow(/secrets\[0\]/);
    expect(create).not.toThrow(broken);
  });
});
