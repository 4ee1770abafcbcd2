import { parse } from 'yaml';
import { parseSourcesFile, type SecretRef } from '@inlet/webhook-contract';

export type { SecretRef };

/**
 * Every secret reference of an ingress sources file (YAML or JSON text), read with the loader the ingress uses,
 * so a file the ingress would refuse fails here too.
 */
export function secretRefs(sourcesText: string): SecretRef[] {
  return parseSourcesFile(parse(sourcesText), 'sources file').flatMap((source) =>
    'secrets' in source.auth ? (source.auth.secrets ?? []) : [],
  );
}

/** The environment variables a sources file reads its secrets from. */
export function secretEnvNames(sourcesText: string): Set<string> {
  return new Set(secretRefs(sourcesText).flatMap((ref) => (ref.env ? [ref.env] : [])));
}
