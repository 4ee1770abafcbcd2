import { requireSecrets } from './config-checks.js';
import { hmacSha256, matchesAny } from './constant-time.js';
import { AuthError, failClosed } from './errors.js';
import { displayHeaderName, requireHeader } from './headers.js';
import type { HmacAuthConfig, Verifier } from './types.js';

const DEFAULT_HEADER = 'x-webhook-signature';
const SIGNATURE_FORMAT = /^sha256=([0-9a-f]+)$/i;

/** `<header>: sha256=<hex HMAC-SHA256(secret, rawBody)>`, any configured secret (rotation). */
export function createHmacVerifier(config: HmacAuthConfig): Verifier {
  const secrets = requireSecrets('hmac', config.secrets);
  const header = (config.header ?? DEFAULT_HEADER).toLowerCase();
  const headerName = displayHeaderName(header);

  return {
    scheme: 'hmac',
    verify: (request) =>
      failClosed(() => {
        const value = requireHeader(request.headers, header, headerName);
        const provided = SIGNATURE_FORMAT.exec(value)?.[1];
        if (provided === undefined) {
          throw new AuthError(
            'INLET_AUTH_MALFORMED',
            `${headerName} header must be 'sha256=<hex HMAC-SHA256>'`,
          );
        }
        // Hex strings are compared (not decoded bytes) so an odd trailing digit cannot be silently dropped.
        const expected = secrets.map((secret) => hmacSha256(secret, request.rawBody).toString('hex'));
        if (!matchesAny([provided.toLowerCase()], expected)) {
          throw new AuthError('INLET_AUTH_INVALID', 'signature does not match');
        }
        return {};
      }),
  };
}
