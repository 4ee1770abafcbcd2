import type { TLocalizedValidationError } from 'typebox/error';

/**
 * One validation error as a sentence that names the field the way the file spells it
 * (`sources[0].auth: missing field "secrets"`), never the value. `prefix` is the JSON pointer of the validated
 * part within the file.
 */
export function describeValidationError(errors: readonly TLocalizedValidationError[], prefix = ''): string {
  // A `false` schema (a forbidden property) comes with the clearer additionalProperties error beside it.
  const error = errors.find((candidate) => candidate.keyword !== 'boolean') ?? errors[0];
  if (!error) return 'invalid';
  const where = fieldPath(prefix + error.instancePath) || '(top level)';
  if (error.keyword === 'additionalProperties') {
    return `${where}: unknown field "${error.params.additionalProperties[0] ?? ''}"`;
  }
  if (error.keyword === 'required')
    return `${where}: missing field "${error.params.requiredProperties[0] ?? ''}"`;
  return `${where} ${error.message}`;
}

/** `/sources/0/auth/secrets` -> `sources[0].auth.secrets`. */
function fieldPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) =>
      /^\d+$/.test(part) ? `[${part}]` : `.${part.replaceAll('~1', '/').replaceAll('~0', '~')}`,
    )
    .join('')
    .replace(/^\./, '');
}
