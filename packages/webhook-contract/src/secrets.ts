import { readFileSync } from 'node:fs';
import { SourcesConfigError } from './sources-error.js';
import type { SecretRef } from './sources-schema.js';

/** What a reference names, for messages: `environment variable NAME` or `file /path`. */
export function describeSecretRef(ref: SecretRef): string {
  return ref.env !== undefined ? `environment variable ${ref.env}` : `file ${ref.file}`;
}

/** The value a reference names, or undefined when the variable is unset or empty or the file unreadable or empty. */
export function readSecret(ref: SecretRef, env: NodeJS.ProcessEnv): string | undefined {
  if (ref.env !== undefined) return env[ref.env] || undefined;
  try {
    return readSecretFile(ref.file!) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every value of a source's secret references, in the file's order (the current secret first during a
 * rotation). A required reference that is unset, empty or unreadable fails, naming where it looked; an
 * `optional` one that is unset or empty is skipped. `at` locates the list for messages.
 */
export function resolveSecrets(refs: readonly SecretRef[], at: string, env: NodeJS.ProcessEnv): string[] {
  const values: string[] = [];
  refs.forEach((ref, index) => {
    const value = ref.env !== undefined ? env[ref.env] : readRequiredFile(ref.file!, `${at}[${index}].file`);
    if (value === undefined || value === '') {
      if (ref.optional) return;
      throw new SourcesConfigError(
        ref.env !== undefined
          ? `${at}[${index}].env: environment variable ${ref.env} is not set`
          : `${at}[${index}].file: ${ref.file} is empty`,
      );
    }
    values.push(value);
  });
  if (values.length === 0) throw new SourcesConfigError(`${at}: none of the secrets is set`);
  return values;
}

function readRequiredFile(path: string, at: string): string {
  try {
    return readSecretFile(path);
  } catch {
    throw new SourcesConfigError(`${at}: cannot read ${path}`);
  }
}

function readSecretFile(path: string): string {
  // Mounted secrets usually end with a newline that is not part of the secret.
  return readFileSync(path, 'utf8').trim();
}
