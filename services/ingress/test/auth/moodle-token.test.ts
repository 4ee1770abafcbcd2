import { describe, expect, it } from 'vitest';
import { createVerifier } from '../../src/auth/index.js';
import { expectAuthError, json } from './auth-test-support.js';

const TOKEN = 'moodle-shared-token-7d1e9a';
const OLD_TOKEN = 'moodle-previous-token-22f0';
const event = {
  eventname: '\\core\\event\\user_graded',
  courseid: 7,
  relateduserid: 42,
  other: { finalgrade: 88 },
};

const verifier = createVerifier({ scheme: 'moodle-token', secrets: [TOKEN] });
const request = (body: unknown) => ({ rawBody: Buffer.isBuffer(body) ? body : json(body), headers: {} });

describe('moodle-token verifier', () => {
  it('accepts the shared token and returns the body without it', async () => {
    const result = await verifier.verify(request({ ...event, token: TOKEN }));
    expect(result.payload).toEqual(event);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(verifier.scheme).toBe('moodle-token');
  });

  it('rejects a wrong token as INVALID without echoing either token', async () => {
    const wrong = 'moodle-shared-token-7d1e9b';
    const error = await expectAuthError(
      verifier.verify(request({ ...event, token: wrong })),
      'INLET_AUTH_INVALID',
      [TOKEN, wrong],
    );
    expect(error.message).toBe('token is not valid');
  });

  it('rejects a body without the token as MISSING', async () => {
    const error = await expectAuthError(verifier.verify(request(event)), 'INLET_AUTH_MISSING');
    expect(error.message).toBe("request body has no 'token' field");
    await expectAuthError(verifier.verify(request({ ...event, token: '' })), 'INLET_AUTH_MISSING');
  });

  it.each([
    ['invalid JSON', Buffer.from('{"token": ')],
    ['a JSON array', json([{ token: TOKEN }])],
    ['JSON null', Buffer.from('null')],
    ['a JSON string', json(TOKEN)],
  ])('rejects %s as MALFORMED', async (_case, body) => {
    await expectAuthError(verifier.verify(request(body)), 'INLET_AUTH_MALFORMED', [TOKEN]);
  });

  it('rejects a token that is not a string as MALFORMED', async () => {
    await expectAuthError(verifier.verify(request({ ...event, token: 12345 })), 'INLET_AUTH_MALFORMED');
  });

  it('accepts any configured token (rotation)', async () => {
    const rotating = createVerifier({ scheme: 'moodle-token', secrets: [OLD_TOKEN, TOKEN] });
    await expect(rotating.verify(request({ ...event, token: TOKEN }))).resolves.toEqual({ payload: event });
    await expect(rotating.verify(request({ ...event, token: OLD_TOKEN }))).resolves.toEqual({
      payload: event,
    });
  });

  it.each([
    ['shorter', TOKEN.slice(0, 4)],
    ['longer', `${TOKEN}-and-more`],
  ])('rejects a %s token as INVALID without throwing anything else', async (_case, token) => {
    await expectAuthError(verifier.verify(request({ ...event, token })), 'INLET_AUTH_INVALID', [TOKEN]);
  });

  it('reads a configured field and does not look at the prototype', async () => {
    const custom = createVerifier({ scheme: 'moodle-token', secrets: [TOKEN], field: 'wstoken' });
    await expect(custom.verify(request({ ...event, wstoken: TOKEN }))).resolves.toEqual({ payload: event });
    const prototypeField = createVerifier({ scheme: 'moodle-token', secrets: [TOKEN], field: 'constructor' });
    await expectAuthError(prototypeField.verify(request(event)), 'INLET_AUTH_MISSING');
  });
});
