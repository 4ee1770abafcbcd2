import { existsSync, readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { isIP } from 'node:net';
import type { AuthConfig } from '../auth/types.js';
import { schemesByFamily, sourcesFileSchema } from './file-schema.js';
import { DEFAULT_DEDUPE_WINDOW_SECONDS, defaultRateLimits, type RouteFamily, type Source } from './types.js';

/** A sources file that cannot be used; the message names the file and the field. */
export class SourcesConfigError extends Error {
  readonly code = 'INLET_SOURCES_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'SourcesConfigError';
  }
}

interface SecretRef {
  env?: string;
  file?: string;
  optional?: boolean;
}

interface RawSource {
  id: string;
  family: RouteFamily;
  auth: { scheme: AuthConfig['scheme']; secrets?: SecretRef[]; toleranceSeconds?: number } & Record<
    string,
    unknown
  >;
  allowIps?: string[];
  rateLimit?: { max: number; windowSeconds?: number };
  dedupeWindowSeconds?: number;
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** Replay window for stripe and standard-webhooks sources that do not set their own. */
  defaultToleranceSeconds?: number;
}

const ajv = new Ajv({ allErrors: false, discriminator: true, strict: false });
addFormats.default(ajv);
const validateFile = ajv.compile<{ sources: RawSource[] }>(sourcesFileSchema);

/** Reads and validates the sources file, resolving every secret reference; fails at start-up, never later. */
export function loadSources(path: string, options: LoadOptions = {}): Source[] {
  if (!existsSync(path))
    throw new SourcesConfigError(`sources file ${path} (INLET_SOURCES_FILE) does not exist`);
  const text = readFileSync(path, 'utf8');
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new SourcesConfigError(`sources file ${path} is not valid YAML/JSON: ${(error as Error).message}`);
  }
  return parseSources(document, path, options);
}

export function parseSources(document: unknown, origin: string, options: LoadOptions = {}): Source[] {
  if (!validateFile(document)) {
    throw new SourcesConfigError(`${origin}: ${describe(validateFile.errors?.[0])}`);
  }
  const env = options.env ?? process.env;
  const seen = new Set<string>();
  return document.sources.map((raw, index) => {
    const at = `sources[${index}]`;
    if (seen.has(raw.id)) throw new SourcesConfigError(`${origin}: ${at}.id "${raw.id}" is used twice`);
    seen.add(raw.id);
    const allowed: readonly string[] = schemesByFamily[raw.family];
    if (!allowed.includes(raw.auth.scheme)) {
      throw new SourcesConfigError(
        `${origin}: ${at}.auth.scheme "${raw.auth.scheme}" is not accepted on the ${raw.family} route (use ${allowed.join(', ')})`,
      );
    }
    for (const [i, cidr] of (raw.allowIps ?? []).entries()) {
      if (!isCidrOrIp(cidr))
        throw new SourcesConfigError(`${origin}: ${at}.allowIps[${i}] "${cidr}" is not an IP or CIDR`);
    }
    const auth = { ...raw.auth } as Record<string, unknown>;
    if (raw.auth.secrets) {
      auth.secrets = resolveSecrets(raw.auth.secrets, `${origin}: ${at}.auth.secrets`, env);
    }
    if (
      (raw.auth.scheme === 'stripe' || raw.auth.scheme === 'standard-webhooks') &&
      auth.toleranceSeconds === undefined
    ) {
      auth.toleranceSeconds = options.defaultToleranceSeconds ?? 300;
    }
    if (raw.auth.scheme === 'jwt' && !raw.auth.secrets && !raw.auth.jwksUrl) {
      throw new SourcesConfigError(`${origin}: ${at}.auth needs secrets (HS256) or jwksUrl`);
    }
    const defaults = defaultRateLimits[raw.family];
    return {
      id: raw.id,
      family: raw.family,
      auth: auth as unknown as AuthConfig,
      ...(raw.allowIps ? { allowIps: raw.allowIps } : {}),
      rateLimit: {
        max: raw.rateLimit?.max ?? defaults.max,
        windowSeconds: raw.rateLimit?.windowSeconds ?? defaults.windowSeconds,
      },
      dedupeWindowSeconds: raw.dedupeWindowSeconds ?? DEFAULT_DEDUPE_WINDOW_SECONDS,
    };
  });
}

function resolveSecrets(refs: SecretRef[], at: string, env: NodeJS.ProcessEnv): string[] {
  const values: string[] = [];
  refs.forEach((ref, index) => {
    const value = ref.env ? env[ref.env] : readSecretFile(ref.file!, `${at}[${index}].file`);
    if (value === undefined || value === '') {
      if (ref.optional) return;
      throw new SourcesConfigError(
        ref.env
          ? `${at}[${index}].env: environment variable ${ref.env} is not set`
          : `${at}[${index}].file: ${ref.file} is empty`,
      );
    }
    values.push(value);
  });
  if (values.length === 0) throw new SourcesConfigError(`${at}: none of the secrets is set`);
  return values;
}

function readSecretFile(path: string, at: string): string {
  try {
    // Mounted secrets usually end with a newline that is not part of the secret.
    return readFileSync(path, 'utf8').trim();
  } catch {
    throw new SourcesConfigError(`${at}: cannot read ${path}`);
  }
}

function isCidrOrIp(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  if (rest.length > 0 || !address || isIP(address) === 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return Number.isInteger(bits) && bits >= 0 && bits <= (isIP(address) === 4 ? 32 : 128);
}

function describe(error: ErrorObject | undefined): string {
  if (!error) return 'invalid';
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');
  const where = path || '(top level)';
  if (error.keyword === 'additionalProperties') {
    return `${where}: unknown field "${String(error.params.additionalProperty)}"`;
  }
  if (error.keyword === 'required')
    return `${where}: missing field "${String(error.params.missingProperty)}"`;
  return `${where} ${error.message ?? 'is invalid'}`;
}
