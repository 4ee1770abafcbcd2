import { readFileSync } from 'node:fs';
import { KafkaSettingsError } from './settings-error.js';

/** A variable's value, trimmed; undefined when unset or blank (an empty value is treated as unset). */
export function readSetting(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/**
 * A secret given either inline (`NAME`) or as a path to a mounted file (`NAME_FILE`, as Kubernetes and Docker
 * secrets are mounted). The value itself never appears in an error.
 */
export function readSecret(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const inline = env[name];
  const file = readSetting(env, `${name}_FILE`);
  if (inline !== undefined && inline !== '' && file)
    throw new KafkaSettingsError(name, `${name} and ${name}_FILE are both set: set only one of them`);
  if (!file) return inline === '' ? undefined : inline;
  // Secret files usually end with a newline that is not part of the secret; nothing else is trimmed.
  const value = readFileText(`${name}_FILE`, file).replace(/\r?\n+$/, '');
  if (!value) throw new KafkaSettingsError(`${name}_FILE`, `${name}_FILE: ${file} is empty`);
  return value;
}

/** The text of the file a variable names, or an error naming that variable and the reason (ENOENT, EACCES...). */
export function readFileText(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new KafkaSettingsError(variable, `${variable}: cannot read ${path}: ${code}`, { cause: error });
  }
}

/** Whether a secret was given in either form, without reading a file. */
export function secretIsSet(env: NodeJS.ProcessEnv, name: string): boolean {
  return Boolean(env[name]) || Boolean(readSetting(env, `${name}_FILE`));
}
