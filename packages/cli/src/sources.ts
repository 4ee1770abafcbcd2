import {
  describeSecretRef,
  readSecret,
  readSourcesFile,
  SourcesConfigError,
  type SecretRef,
  type SourceEntry,
} from '@inlet/webhook-contract';
import { CliFailure, UsageError } from './errors.js';

/**
 * The sender to sign as, from a sources file read and checked exactly as the ingress reads it. Only this
 * source's secret is resolved, so the other senders' variables need not be set. `pathOrigin` says where the
 * path came from when the file does not exist.
 */
export function loadSource(path: string, id: string, pathOrigin: string): SourceEntry {
  const sources = readSources(path, pathOrigin);
  const source = sources.find((candidate) => candidate.id === id);
  if (!source) {
    const known = sources.map((candidate) => candidate.id).join(', ') || 'none';
    throw new UsageError(`no source "${id}" in ${path} (sources there: ${known})`, 'send');
  }
  return source;
}

function readSources(path: string, pathOrigin: string): SourceEntry[] {
  try {
    return readSourcesFile(path, { pathOrigin });
  } catch (error) {
    if (error instanceof SourcesConfigError) throw new CliFailure(error.message, { cause: error });
    throw error;
  }
}

export interface ResolvedSecret {
  value: string;
  /** Set when the value came from the local stack's development defaults: the caller says so. */
  developmentVariable?: string;
}

/**
 * The first of the source's secrets that is available, in the file's order (the current one comes first
 * during a rotation). Env references are read from `env`, then, when `localDefaults` is given (the request
 * goes to a local stack), from the ingress's development values.
 */
export function resolveSecret(
  source: SourceEntry,
  env: NodeJS.ProcessEnv,
  localDefaults: Record<string, string> | undefined,
): ResolvedSecret {
  const refs = secretRefsOf(source);
  for (const ref of refs) {
    const value = readSecret(ref, env);
    if (value) return { value };
    const fallback = ref.env !== undefined ? localDefaults?.[ref.env] : undefined;
    if (fallback) return { value: fallback, developmentVariable: ref.env! };
  }
  if (refs.length === 0) throw new CliFailure(`source ${source.id} names no secrets in its sources file`);
  throw new CliFailure(`no secret for source ${source.id}: set ${refs.map(describeSecretRef).join(' or ')}`);
}

function secretRefsOf(source: SourceEntry): readonly SecretRef[] {
  return 'secrets' in source.auth ? (source.auth.secrets ?? []) : [];
}
