import Stripe from 'stripe';
import { requirePositiveSeconds, requireSecrets } from './config-checks.js';
import { AuthError, failClosed } from './errors.js';
import { requireHeader } from './headers.js';
import type { StripeAuthConfig, Verifier } from './types.js';

const HEADER = 'stripe-signature';
const HEADER_NAME = 'Stripe-Signature';

/**
 * The runtime signature of `Stripe.webhooks.signature.verifyHeader`: its typings omit the trailing `receivedAt`
 * (epoch ms) that the implementation uses instead of Date.now() for the tolerance check — we need it for `now`.
 */
type VerifyStripeHeader = (
  payload: Buffer,
  header: string,
  secret: string,
  toleranceSeconds: number,
  cryptoProvider: undefined,
  receivedAtMs: number,
) => boolean;

// verifyHeader reads `this.EXPECTED_SCHEME`, hence the bind.
const verifyStripeHeader = Stripe.webhooks.signature.verifyHeader.bind(
  Stripe.webhooks.signature,
) as unknown as VerifyStripeHeader;

/**
 * Parses the header the way Stripe does (comma-separated `key=value`) only to tell the sender precisely what is
 * wrong with it before any secret is used; the signature check itself is Stripe's.
 */
function parseTimestamp(header: string): number {
  let timestamps = 0;
  let timestamp = Number.NaN;
  let v1Signatures = 0;
  for (const item of header.split(',')) {
    const separator = item.indexOf('=');
    const key = item.slice(0, separator);
    const value = item.slice(separator + 1);
    if (separator > 0 && key === 't') {
      timestamps += 1;
      timestamp = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    }
    if (separator > 0 && key === 'v1' && value !== '') v1Signatures += 1;
  }
  if (timestamps !== 1 || !Number.isSafeInteger(timestamp)) {
    throw new AuthError(
      'INLET_AUTH_MALFORMED',
      `${HEADER_NAME} header must carry one timestamp 't=<unix seconds>'`,
    );
  }
  if (v1Signatures === 0) {
    throw new AuthError('INLET_AUTH_MALFORMED', `${HEADER_NAME} header carries no 'v1=' signature`);
  }
  return timestamp;
}

type Outcome = 'valid' | 'expired' | 'invalid';

function checkWithSecret(
  rawBody: Buffer,
  header: string,
  secret: string,
  tolerance: number,
  now: Date,
): Outcome {
  try {
    verifyStripeHeader(rawBody, header, secret, tolerance, undefined, now.getTime());
    return 'valid';
  } catch (error) {
    // Stripe checks the timestamp only after a signature matched, so 'expired' implies an authentic (replayed or
    // late) request. Matching on its message fails closed: should the wording change, this becomes 'invalid'.
    const expired =
      error instanceof Stripe.errors.StripeSignatureVerificationError &&
      error.message.includes('Timestamp outside the tolerance zone');
    return expired ? 'expired' : 'invalid';
  }
}

/** Stripe-Signature `t=<ts>,v1=<sig>(,v1=<sig>...)`: several v1 signatures and several secrets during rotation. */
export function createStripeVerifier(config: StripeAuthConfig): Verifier {
  const secrets = requireSecrets('stripe', config.secrets);
  const tolerance = requirePositiveSeconds('stripe', 'toleranceSeconds', config.toleranceSeconds);

  return {
    scheme: 'stripe',
    verify: (request, now = new Date()) =>
      failClosed(() => {
        const header = requireHeader(request.headers, HEADER, HEADER_NAME);
        const timestamp = parseTimestamp(header);
        // Every secret is tried, so the time taken does not reveal which one (if any) matched.
        const outcomes = secrets.map((secret) =>
          checkWithSecret(request.rawBody, header, secret, tolerance, now),
        );
        if (!outcomes.includes('valid')) {
          if (outcomes.includes('expired')) throw expiredError(tolerance);
          throw new AuthError('INLET_AUTH_INVALID', 'signature does not match');
        }
        // Stripe only rejects timestamps too far in the past; one too far in the future is just as replayable.
        if (timestamp - Math.floor(now.getTime() / 1000) > tolerance) throw expiredError(tolerance);
        // The Stripe event id lives in the body, which the caller parses.
        return {};
      }),
  };
}

function expiredError(tolerance: number): AuthError {
  return new AuthError(
    'INLET_AUTH_EXPIRED',
    `${HEADER_NAME} timestamp is outside the ${tolerance} s tolerance`,
  );
}
