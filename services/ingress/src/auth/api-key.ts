import { requireSecrets } from './config-checks.js';
import { matchesAny } from './constant-time.js';
import { AuthError, failClosed } from './errors.js';
import { displayHeaderName, requireHeader } from './headers.js';
import type { ApiKeyAuthConfig, Verifier } from './types.js';

const DEFAULT_HEADER = 'x-api-key';

/** The key itself in `<header>`, any configured key (rotation). */
export function createApiKeyVerifier(config: ApiKeyAuthConfig): Verifier {
  const secrets = requireSecrets('api-key', config.secrets);
  const header = (config.header ?? DEFAULT_HEADER).toLowerCase();
  const headerName = displayHeaderName(header);

  return {
    scheme: 'api-key',
    verify: (request) =>
      failClosed(() => {
        const provided = requireHeader(request.headers, header, headerName);
        if (!matchesAny([provided], secrets))
          throw new AuthError('INLET_AUTH_INVALID', 'API key is not valid');
        return {};
      }),
  };
}
