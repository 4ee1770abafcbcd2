import { describe, expect, it } from 'vitest';
import { createVerifier } from '../../src/auth/index.js';
import { expectAuthError, json } from './auth-test-support.js';

const KEY = 'ak_live_3c8e1f0b7d2a4e9f';
const OLD_KEY = 'ak_live_previous_0000';
const body = json({ type: 'video.upload.completed', id: 'v-1' });

const verifier = createVerifier({ scheme: 'api-key', secrets: [KEY] });
const request = (key: string | string[] | undefined) => ({
  rawBody: body,
  headers: key === undefined ? {} : { 'x-api-key': key },
});

describe('api-key verifier', () => {
  it('accepts a configured key', async () => {
    await expect(verifier.verify(request(KEY))).resolves.toEqual({});
    expect(verifier.scheme).toBe('api-key');
  });

  it('rejects a wrong key as INVALID without echoing either key', async () => {
    const wrong = 'ak_live_3c8e1f0b7d2a4e9X';
    const error = await expectAuthError(verifier.verify(request(wrong)), 'INLET_AUTH_INVALID', [KEY, wrong]);
    expect(error.message).toBe('API key is not valid');
  });

  it('rejects a missing key as MISSING', async () => {
    const error = await expectAuthError(verifier.verify(request(undefined)), 'INLET_AUTH_MISSING');
    expect(error.message).toBe('X-Api-Key header is missing');
    await expectAuthError(verifier.verify(request('')), 'INLET_AUTH_MISSING');
  });

  it('rejects a header sent twice with different values as MALFORMED', async () => {
    await expectAuthError(verifier.verify(request([KEY, OLD_KEY])), 'INLET_AUTH_MALFORMED', [KEY, OLD_KEY]);
  });

  it('accepts any configured key (rotation)', async () => {
    const rotating = createVerifier({ scheme: 'api-key', secrets: [OLD_KEY, KEY] });
    await expect(rotating.verify(request(KEY))).resolves.toEqual({});
    await expect(rotating.verify(request(OLD_KEY))).resolves.toEqual({});
  });

  it.each([
    ['a prefix of the key', KEY.slice(0, 5)],
    ['the key plus one character', `${KEY}x`],
    ['a very long value', 'x'.repeat(10_000)],
  ])('rejects %s as INVALID without throwing anything else', async (_case, key) => {
    await expectAuthError(verifier.verify(request(key)), 'INLET_AUTH_INVALID', [KEY]);
  });

  it('reads a configured header name', async () => {
    const custom = createVerifier({ scheme: 'api-key', secrets: [KEY], header: 'X-Media-Key' });
    await expect(custom.verify({ rawBody: body, headers: { 'x-media-key': KEY } })).resolves.toEqual({});
    await expectAuthError(custom.verify(request(KEY)), 'INLET_AUTH_MISSING');
  });
});
