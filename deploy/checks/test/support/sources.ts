import { parse } from 'yaml';

export interface SecretRef {
  env?: string;
  file?: string;
  optional?: boolean;
}

interface SourcesFile {
  sources?: { id: string; auth?: { secrets?: SecretRef[] } }[];
}

/** Every secret reference of an ingress sources file (YAML or JSON text). */
export function secretRefs(sourcesText: string): SecretRef[] {
  const file = parse(sourcesText) as SourcesFile;
  return (file.sources ?? []).flatMap((source) => source.auth?.secrets ?? []);
}

/** The environment variables a sources file reads its secrets from. */
export function secretEnvNames(sourcesText: string): Set<string> {
  return new Set(secretRefs(sourcesText).flatMap((ref) => (ref.env ? [ref.env] : [])));
}
