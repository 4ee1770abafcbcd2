import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { CliFailure, UsageError, errorMessage } from './errors.js';

/**
 * The ingress' sources file (INLET_SOURCES_FILE), read the way the ingress reads it but only as far as sending
 * needs: the sender's route family, its scheme and where its secrets are. Only the chosen source's secrets are
 * resolved, so the other senders' variables need not be set.
 */

export type RouteFamily = 'lti' | 'services' | 'commerce' | 'internal';
export type AuthScheme =
  'hmac' | 'api-key' | 'stripe' | 'standard-webhooks' | 'jwt' | 'canvas-jwt' | 'moodle-token';

/** As the ingress allows them (services/ingress/src/sources/file-schema.ts). */
const schemesByFamily: Record<RouteFamily, readonly AuthScheme[]> = {
  lti: ['hmac', 'canvas-jwt', 'moodle-token'],
  services: ['api-key', 'hmac'],
  commerce: ['stripe', 'standard-webhooks', 'hmac'],
  internal: ['jwt'],
};

export interface SecretRef {
  env?: string;
  file?: string;
  optional?: boolean;
}

export interface SourceAuth {
  scheme: AuthScheme;
  secrets: SecretRef[];
  /** hmac / api-key: the header name when not the default. */
  header?: string;
  /** moodle-token: the body field when not `token`. */
  field?: string;
  /** jwt / canvas-jwt claims the ingress checks. */
  issuer?: string;
  audience?: string;
  algorithms?: string[];
  jwksUrl?: string;
}

export interface SenderSource {
  id: string;
  family: RouteFamily;
  auth: SourceAuth;
}

export function loadSource(path: string, id: string): SenderSource {
  const sources = readSourcesFile(path);
  const source = sources.find((candidate) => candidate.id === id);
  if (!source) {
    const known = sources.map((candidate) => candidate.id).join(', ') || 'none';
    throw new UsageError(`no source "${id}" in ${path} (sources there: ${known})`, 'send');
  }
  return source;
}

export function readSourcesFile(path: string): SenderSource[] {
  if (!existsSync(path))
    throw new CliFailure(`sources file ${path} does not exist (choose one with --sources)`);
  let document: unknown;
  try {
    document = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliFailure(`sources file ${path} is not valid YAML/JSON: ${errorMessage(error)}`);
  }
  const list = isObject(document) ? document.sources : undefined;
  if (!Array.isArray(list)) throw new CliFailure(`sources file ${path} has no "sources" list`);
  return list.map((raw, index) => toSource(raw, `${path}: sources[${index}]`));
}

function toSource(raw: unknown, at: string): SenderSource {
  if (!isObject(raw) || typeof raw.id !== 'string') throw new CliFailure(`${at} has no id`);
  const family = raw.family as RouteFamily;
  if (!Object.hasOwn(schemesByFamily, family)) {
    throw new CliFailure(`${at}.family must be one of ${Object.keys(schemesByFamily).join(', ')}`);
  }
  const auth = isObject(raw.auth) ? raw.auth : {};
  const scheme = auth.scheme as AuthScheme;
  if (!schemesByFamily[family].includes(scheme)) {
    throw new CliFailure(
      `${at}.auth.scheme must be one of ${schemesByFamily[family].join(', ')} on the ${family} route`,
    );
  }
  const secrets = Array.isArray(auth.secrets) ? auth.secrets.filter(isObject).map(toSecretRef) : [];
  return {
    id: raw.id,
    family,
    auth: {
      scheme,
      secrets,
      ...optionalString(auth, 'header'),
      ...optionalString(auth, 'field'),
      ...optionalString(auth, 'issuer'),
      ...optionalString(auth, 'audience'),
      ...optionalString(auth, 'jwksUrl'),
      ...(Array.isArray(auth.algorithms) ? { algorithms: auth.algorithms.map(String) } : {}),
    },
  };
}

function toSecretRef(raw: Record<string, unknown>): SecretRef {
  return {
    ...(typeof raw.env === 'string' ? { env: raw.env } : {}),
    ...(typeof raw.file === 'string' ? { file: raw.file } : {}),
    ...(raw.optional === true ? { optional: true } : {}),
  };
}

export interface ResolvedSecret {
  value: string;
  /** Set when the value came from the local stack's development defaults: the caller says so. */
  developmentVariable?: string;
}

/**
 * The first of the source's secrets that is available, in the file's order (the current one comes first
 * during a rotation). Env references are read from `env`, then, when `localDefaults` is given (the request
 * goes to a local stack), from the ingress' development values.
 */
export function resolveSecret(
  source: SenderSource,
  env: NodeJS.ProcessEnv,
  localDefaults: Record<string, string> | undefined,
): ResolvedSecret {
  const tried: string[] = [];
  for (const ref of source.auth.secrets) {
    if (ref.env !== undefined) {
      const value = env[ref.env];
      if (value) return { value };
      const fallback = localDefaults?.[ref.env];
      if (fallback) return { value: fallback, developmentVariable: ref.env };
      tried.push(`environment variable ${ref.env}`);
    } else if (ref.file !== undefined) {
      const value = readSecretFile(ref.file);
      if (value) return { value };
      tried.push(`file ${ref.file}`);
    }
  }
  if (tried.length === 0) throw new CliFailure(`source ${source.id} names no secrets in its sources file`);
  throw new CliFailure(`no secret for source ${source.id}: set ${tried.join(' or ')}`);
}

function readSecretFile(path: string): string | undefined {
  try {
    // Mounted secrets usually end with a newline that is not part of the secret (the ingress trims too).
    return readFileSync(path, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function optionalString(object: Record<string, unknown>, name: string): Record<string, string> {
  const value = object[name];
  return typeof value === 'string' ? { [name]: value } : {};
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
