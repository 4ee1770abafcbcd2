import { Webhook } from 'standardwebhooks';
import { requirePositiveSeconds, requireSecrets } from './config-checks.js';
import { hmacSha256, matchesAny } from './constant-time.js';
import { AuthError, failClosed } from './errors.js';
import { requireHeader } from './headers.js';
import type { StandardWebhooksAuthConfig, Verifier } from './types.js';

const SECRET_PREFIX = 'whsec_';

/**
 * The signing key of a Standard Webhooks secret (`whsec_<base64>` or bare base64). `new Webhook(secret)` is the
 * reference implementation's own validation: it rejects empty and non-base64 secrets at start-up.
 */
function signingKey(secret: string, index: number): Buffer {
  try {
    new Webhook(secret);
  } catch {
    throw new Error(`standard-webhooks auth config: secrets[${index}] is not a base64 (whsec_) secret`);
  }
  const base64 = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return Buffer.from(base64, 'base64');
}

/** The `v1` signatures of a `webhook-signature` header: space-separated `<version>,<base64>` entries. */
function v1Signatures(header: string): string[] {
  const entries = header.split(' ').filter((entry) => entry !== '');
  const versioned = entries.map((entry) => {
    const separator = entry.indexOf(',');
    return separator > 0
      ? { version: entry.slice(0, separator), value: entry.slice(separator + 1) }
      : undefined;
  });
  if (versioned.some((entry) => entry === undefined)) {
    throw new AuthError(
      'INLET_AUTH_MALFORMED',
      "webhook-signature must be space-separated 'v1,<base64>' entries",
    );
  }
  const signatures = versioned.filter((entry) => entry?.version === 'v1' && entry.value !== '');
  if (signatures.length === 0)
    throw new AuthError('INLET_AUTH_MALFORMED', "webhook-signature has no 'v1' signature");
  return signatures.map((entry) => entry?.value ?? '');
}

/**
 * Standard Webhooks: HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<raw body>`, the same construction as the
 * `standardwebhooks` package. Its `verify` is not called because it cannot serve Inlet: it checks the timestamp
 * against Date.now() with a fixed 5-minute window (neither `now` nor the configured tolerance would apply), and it
 * signs `payload.toString()`, a lossy UTF-8 decode, where Inlet verifies the raw bytes.
 */
export function createStandardWebhooksVerifier(config: StandardWebhooksAuthConfig): Verifier {
  const keys = requireSecrets('standard-webhooks', config.secrets).map(signingKey);
  const tolerance = requirePositiveSeconds('standard-webhooks', 'toleranceSeconds', config.toleranceSeconds);

  return {
    scheme: 'standard-webhooks',
    verify: (request, now = new Date()) =>
      failClosed(() => {
        const id = requireHeader(request.headers, 'webhook-id', 'webhook-id');
        const timestampHeader = requireHeader(request.headers, 'webhook-timestamp', 'webhook-timestamp');
        const signatureHeader = requireHeader(request.headers, 'webhook-signature', 'webhook-signature');
        if (!/^\d+$/.test(timestampHeader)) {
          throw new AuthError(
            'INLET_AUTH_MALFORMED',
            'webhook-timestamp must be an integer number of unix seconds',
          );
        }
        const provided = v1Signatures(signatureHeader);

        // Base64 strings are compared, as the reference implementation does, so no lenient decoding can make two
        // different header values equal.
        const signedPrefix = `${id}.${timestampHeader}.`;
        const expected = keys.map((key) => hmacSha256(key, signedPrefix, request.rawBody).toString('base64'));
        if (!matchesAny(provided, expected))
          throw new AuthError('INLET_AUTH_INVALID', 'signature does not match');

        // Checked after the signature, so only an authentic (replayed or late) message learns about the window.
        const ageSeconds = Math.floor(now.getTime() / 1000) - Number(timestampHeader);
        if (Math.abs(ageSeconds) > tolerance) {
          throw new AuthError(
            'INLET_AUTH_EXPIRED',
            `webhook-timestamp is outside the ${tolerance} s tolerance`,
          );
        }
        return { senderEventId: id };
      }),
  };
}
