import { requireNonEmptyString, requireSecrets } from './config-checks.js';
import { matchesAny } from './constant-time.js';
import { AuthError, failClosed } from './errors.js';
import type { MoodleTokenAuthConfig, Verifier } from './types.js';

const DEFAULT_FIELD = 'token';

function parseJsonObject(rawBody: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new AuthError('INLET_AUTH_MALFORMED', 'request body must be a JSON object carrying the token');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AuthError('INLET_AUTH_MALFORMED', 'request body must be a JSON object carrying the token');
  }
  return parsed as Record<string, unknown>;
}

/**
 * A Moodle webhook carries a shared token inside its JSON body. The returned payload is the body WITHOUT that
 * field, so the token never travels further (Kafka, logs) than this check.
 */
export function createMoodleTokenVerifier(config: MoodleTokenAuthConfig): Verifier {
  const secrets = requireSecrets('moodle-token', config.secrets);
  const field = requireNonEmptyString('moodle-token', 'field', config.field ?? DEFAULT_FIELD);

  return {
    scheme: 'moodle-token',
    verify: (request) =>
      failClosed(() => {
        const body = parseJsonObject(request.rawBody);
        // Own properties only: a field named like an Object.prototype member must not read the prototype.
        const token = Object.hasOwn(body, field) ? body[field] : undefined;
        const payload = Object.fromEntries(Object.entries(body).filter(([key]) => key !== field));
        if (token === undefined || token === null || token === '') {
          throw new AuthError('INLET_AUTH_MISSING', `request body has no '${field}' field`);
        }
        if (typeof token !== 'string') {
          throw new AuthError('INLET_AUTH_MALFORMED', `'${field}' field must be a string`);
        }
        if (!matchesAny([token], secrets)) throw new AuthError('INLET_AUTH_INVALID', 'token is not valid');
        return { payload };
      }),
  };
}
