import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { createVerifier } from '../../src/auth/index.js';
import { expectAuthError, json } from './auth-test-support.js';

const SECRET = 'whsec_stripe_primary_5a7c9e';
const OLD_SECRET = 'whsec_stripe_previous_1b3d';
const TOLERANCE = 300;
const SIGNED_AT = 1_760_000_000; // unix seconds
const body = json({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded' });

const secondsAfterSigning = (seconds: number) => new Date((SIGNED_AT + seconds) * 1000);
const NOW = secondsAfterSigning(10);

function header(secret: string, options: { payload?: Buffer; timestamp?: number } = {}): string {
  return Stripe.webhooks.generateTestHeaderString({
    payload: (options.payload ?? body).toString(),
    secret,
    timestamp: options.timestamp ?? SIGNED_AT,
  });
}

/** The hex signature of a header made by generateTestHeaderString. */
const v1Of = (stripeSignature: string) => stripeSignature.split('v1=')[1] ?? '';

const verifier = createVerifier({ scheme: 'stripe', secrets: [SECRET], toleranceSeconds: TOLERANCE });
const request = (stripeSignature: string | undefined, rawBody = body) => ({
  rawBody,
  headers: stripeSignature === undefined ? {} : { 'stripe-signature': stripeSignature },
});

describe('stripe verifier', () => {
  it('accepts a header from the stripe package, leaving the event id to the caller', async () => {
    const result = await verifier.verify(request(header(SECRET)), NOW);
    expect(result).toEqual({});
    expect(result.senderEventId).toBeUndefined();
    expect(verifier.scheme).toBe('stripe');
  });

  it('rejects a tampered body as INVALID', async () => {
    const tampered = json({ id: 'evt_1', object: 'event', type: 'charge.refunded' });
    await expectAuthError(verifier.verify(request(header(SECRET), tampered), NOW), 'INLET_AUTH_INVALID');
  });

  it('rejects a missing header as MISSING', async () => {
    const error = await expectAuthError(verifier.verify(request(undefined), NOW), 'INLET_AUTH_MISSING');
    expect(error.message).toBe('Stripe-Signature header is missing');
  });

  it.each([
    ['garbage', 'not a stripe signature'],
    ['no timestamp', `v1=${v1Of(header(SECRET))}`],
    ['a non-numeric timestamp', `t=soon,v1=${v1Of(header(SECRET))}`],
    ['two timestamps', `t=${SIGNED_AT},t=${SIGNED_AT},v1=${v1Of(header(SECRET))}`],
    ['no v1 signature', `t=${SIGNED_AT}`],
    ['only a v0 signature', `t=${SIGNED_AT},v0=${v1Of(header(SECRET))}`],
  ])('rejects a header with %s as MALFORMED', async (_case, stripeSignature) => {
    await expectAuthError(verifier.verify(request(stripeSignature), NOW), 'INLET_AUTH_MALFORMED', [SECRET]);
  });

  it('accepts a signature made with any configured secret (rotation)', async () => {
    const rotating = createVerifier({
      scheme: 'stripe',
      secrets: [OLD_SECRET, SECRET],
      toleranceSeconds: TOLERANCE,
    });
    await expect(rotating.verify(request(header(SECRET)), NOW)).resolves.toEqual({});
    await expect(rotating.verify(request(header(OLD_SECRET)), NOW)).resolves.toEqual({});
  });

  it('accepts a header with two v1 signatures of which only the second matches', async () => {
    const stripeSignature = `t=${SIGNED_AT},v1=${v1Of(header(OLD_SECRET))},v1=${v1Of(header(SECRET))}`;
    await expect(verifier.verify(request(stripeSignature), NOW)).resolves.toEqual({});
  });

  it.each([
    ['shorter', v1Of(header(SECRET)).slice(0, 40)],
    ['longer', `${v1Of(header(SECRET))}ab`],
    ['one character', 'a'],
  ])('rejects a %s signature as INVALID without throwing anything else', async (_case, signature) => {
    await expectAuthError(
      verifier.verify(request(`t=${SIGNED_AT},v1=${signature}`), NOW),
      'INLET_AUTH_INVALID',
    );
  });

  it('rejects a timestamp older than the tolerance as EXPIRED and accepts one just inside it', async () => {
    const stripeSignature = header(SECRET);
    await expect(
      verifier.verify(request(stripeSignature), secondsAfterSigning(TOLERANCE - 1)),
    ).resolves.toEqual({});
    const error = await expectAuthError(
      verifier.verify(request(stripeSignature), secondsAfterSigning(TOLERANCE + 1)),
      'INLET_AUTH_EXPIRED',
    );
    expect(error.message).toBe('Stripe-Signature timestamp is outside the 300 s tolerance');
  });

  it('rejects a timestamp further in the future than the tolerance as EXPIRED', async () => {
    await expectAuthError(
      verifier.verify(request(header(SECRET)), secondsAfterSigning(-TOLERANCE - 1)),
      'INLET_AUTH_EXPIRED',
    );
  });

  it('uses the configured tolerance', async () => {
    const lenient = createVerifier({ scheme: 'stripe', secrets: [SECRET], toleranceSeconds: 900 });
    await expect(lenient.verify(request(header(SECRET)), secondsAfterSigning(600))).resolves.toEqual({});
  });

  it('reports an old request with a wrong signature as INVALID, not EXPIRED', async () => {
    await expectAuthError(
      verifier.verify(request(header(OLD_SECRET)), secondsAfterSigning(3600)),
      'INLET_AUTH_INVALID',
    );
  });

  it('never reveals the secret or the expected signature', async () => {
    const expected = v1Of(header(SECRET));
    const tampered = json({ id: 'evt_2' });
    const error = await expectAuthError(
      verifier.verify(request(header(SECRET), tampered), NOW),
      'INLET_AUTH_INVALID',
      [SECRET, expected, v1Of(header(SECRET, { payload: tampered }))],
    );
    expect(error.message).toBe('signature does not match');
  });

  it('refuses an unusable config at creation', () => {
    expect(() => createVerifier({ scheme: 'stripe', secrets: [], toleranceSeconds: 300 })).toThrow(/secret/);
    expect(() => createVerifier({ scheme: 'stripe', secrets: [SECRET], toleranceSeconds: 0 })).toThrow(
      /toleranceSeconds/,
    );
  });
});
