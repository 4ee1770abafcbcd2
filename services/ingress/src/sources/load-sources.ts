import {
  parseSourcesFile,
  readSourcesFile,
  resolveSecrets,
  type SourceAuth,
  type SourceEntry,
} from '@inlet/webhook-contract';
import type { AuthConfig } from '../auth/types.js';
import { DEFAULT_DEDUPE_WINDOW_SECONDS, defaultRateLimits, type Source } from './types.js';

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** Replay window for stripe and standard-webhooks sources that do not set their own. */
  defaultToleranceSeconds?: number;
}

/** Reads and checks the sources file and resolves every secret reference: a bad file stops start-up, never later. */
export function loadSources(path: string, options: LoadOptions = {}): Source[] {
  const entries = readSourcesFile(path, { pathOrigin: 'INLET_SOURCES_FILE' });
  return entries.map((entry, index) => toSource(entry, `${path}: sources[${index}]`, options));
}

/** As loadSources, for a document already parsed; `origin` names it in messages. */
export function parseSources(document: unknown, origin: string, options: LoadOptions = {}): Source[] {
  const entries = parseSourcesFile(document, origin);
  return entries.map((entry, index) => toSource(entry, `${origin}: sources[${index}]`, options));
}

/** A checked entry with its secrets read and the ingress's defaults filled in. */
function toSource(entry: SourceEntry, at: string, options: LoadOptions): Source {
  const defaults = defaultRateLimits[entry.family];
  return {
    id: entry.id,
    family: entry.family,
    auth: resolveAuth(entry.auth, `${at}.auth.secrets`, options),
    ...(entry.allowIps ? { allowIps: entry.allowIps } : {}),
    rateLimit: {
      max: entry.rateLimit?.max ?? defaults.max,
      windowSeconds: entry.rateLimit?.windowSeconds ?? defaults.windowSeconds,
    },
    dedupeWindowSeconds: entry.dedupeWindowSeconds ?? DEFAULT_DEDUPE_WINDOW_SECONDS,
  };
}

function resolveAuth(auth: SourceAuth, at: string, options: LoadOptions): AuthConfig {
  const env = options.env ?? process.env;
  switch (auth.scheme) {
    case 'canvas-jwt':
      return auth;
    case 'jwt': {
      // HS* tokens need secrets; a source verified through its JWKS has none.
      const { secrets, ...settings } = auth;
      return secrets ? { ...settings, secrets: resolveSecrets(secrets, at, env) } : settings;
    }
    case 'stripe':
    case 'standard-webhooks':
      return {
        ...auth,
        secrets: resolveSecrets(auth.secrets, at, env),
        toleranceSeconds: auth.toleranceSeconds ?? options.defaultToleranceSeconds ?? 300,
      };
    default:
      return { ...auth, secrets: resolveSecrets(auth.secrets, at, env) };
  }
}
