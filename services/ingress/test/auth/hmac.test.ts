import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createVerifier } from '../../src/auth/index.js';
import { expectAuthError, json } from './auth-test-support.js';

const SECRET = 'hmac-primary-secret-9f2c';
const OLD_SECRET = 'hmac-previous-secret-41ab';
const body = json({ type: 'grade.created', id: 'g-1', score: 93 });

function sign(secret: string, rawBody: Buffer): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

const verifier = createVerifier({ scheme: 'hmac', secrets: [SECRET] });
const request = (signature: string | undefined, rawBody = body) => ({
  rawBody,
  headers: signature === undefined ? {} : { 'x-webhook-signature': signature },
});

describe('hmac verifier', () => {
  it('accepts sha256=<hex HMAC-SHA256> over the raw body', async () => {
    await expect(verifier.verify(request(`sha256=${sign(SECRET, body)}`))).resolves.toEqual({});
    expect(verifier.scheme).toBe('hmac');
  });

  it('accepts upper-case hex', async () => {
    await expect(verifier.verify(request(`sha256=${sign(SECRET, body).toUpperCase()}`))).resolves.toEqual({});
  });

  it('rejects a tampered body, including mere re-serialization of the same JSON', async () => {
    const signature = `sha256=${sign(SECRET, body)}`;
    await expectAuthError(
      verifier.verify(request(signature, json({ type: 'grade.created', id: 'g-1', score: 100 }))),
      'INLET_AUTH_INVALID',
    );
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 2));
    await expectAuthError(verifier.verify(request(signature, reformatted)), 'INLET_AUTH_INVALID');
  });

  it('rejects a missing or empty header as MISSING, naming the header', async () => {
    const error = await expectAuthError(verifier.verify(request(undefined)), 'INLET_AUTH_MISSING');
    expect(error.message).toBe('X-Webhook-Signature header is missing');
    await expectAuthError(verifier.verify(request('   ')), 'INLET_AUTH_MISSING');
  });

  it.each([
    ['another algorithm', `sha1=${sign(SECRET, body)}`],
    ['no prefix', sign(SECRET, body)],
    ['non-hex digits', 'sha256=xyz123'],
    ['empty digest', 'sha256='],
    ['two signatures', `sha256=${sign(SECRET, body)}, sha256=${sign(SECRET, body)}`],
  ])('rejects %s as MALFORMED', async (_case, signature) => {
    await expectAuthError(verifier.verify(request(signature)), 'INLET_AUTH_MALFORMED', [SECRET]);
  });

  it('accepts a signature made with any configured secret (rotation)', async () => {
    const rotating = createVerifier({ scheme: 'hmac', secrets: [OLD_SECRET, SECRET] });
    await expect(rotating.verify(request(`sha256=${sign(SECRET, body)}`))).resolves.toEqual({});
    await expect(rotating.verify(request(`sha256=${sign(OLD_SECRET, body)}`))).resolves.toEqual({});
  });

  it.each([
    ['shorter', sign(SECRET, body).slice(0, 62)],
    ['longer', `${sign(SECRET, body)}00`],
    ['one extra digit', `${sign(SECRET, body)}0`],
    ['single byte', 'ab'],
  ])('rejects a %s signature as INVALID without throwing anything else', async (_case, hex) => {
    await expectAuthError(verifier.verify(request(`sha256=${hex}`)), 'INLET_AUTH_INVALID');
  });

  it('never reveals the secret or the expected signature', async () => {
    const expected = sign(SECRET, body);
    const wrong = `sha256=${sign('someone-else', body)}`;
    const error = await expectAuthError(verifier.verify(request(wrong)), 'INLET_AUTH_INVALID', [
      SECRET,
      expected,
    ]);
    expect(error.message).toBe('signature does not match');
  });

  it('reads a configured header name', async () => {
    const custom = createVerifier({ scheme: 'hmac', secrets: [SECRET], header: 'X-Hub-Signature-256' });
    const headers = { 'x-hub-signature-256': `sha256=${sign(SECRET, body)}` };
    await expect(custom.verify({ rawBody: body, headers })).resolves.toEqual({});
    const error = await expectAuthError(custom.verify({ rawBody: body, headers: {} }), 'INLET_AUTH_MISSING');
    expect(error.message).toBe('X-Hub-Signature-256 header is missing');
  });

  it('refuses a config without secrets at creation', () => {
    expect(() => createVerifier({ scheme: 'hmac', secrets: [] })).toThrow(/at least one secret/);
    expect(() => createVerifier({ scheme: 'hmac', secrets: [SECRET, ''] })).toThrow(/secrets\[1\]/);
  });
});
