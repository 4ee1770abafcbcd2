import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';
import type { Static, TSchema } from 'typebox';
import { canvasTimeToEpochMs } from './convert.js';
import { invalidEvent } from './errors.js';

/**
 * The one Ajv instance of the normalizers. allErrors is off so a bad payload costs one failed check, not a full
 * report; verbose keeps each failing schema on its error so a schema's `description` can word the message.
 */
const ajv = new Ajv({ allErrors: false, allowUnionTypes: true, verbose: true });
// ajv-formats is CommonJS; under NodeNext its default import is the module object, the plugin is `.default`.
formatsPlugin.default(ajv, ['date-time', 'uri']);
ajv.addFormat('canvas-time', {
  type: 'string',
  validate: (value: string) => canvasTimeToEpochMs(value) !== null,
});

/** Compile once, at module load of the schema's user. A TypeBox schema is plain JSON Schema to Ajv. */
export function compileSchema<S extends TSchema>(schema: S): ValidateFunction<Static<S>> {
  return ajv.compile<Static<S>>(schema);
}

/** compileSchema for each schema of a record, keeping each key's own type. */
export function compileSchemas<R extends Record<string, TSchema>>(
  schemas: R,
): { [K in keyof R]: ValidateFunction<Static<R[K]>> } {
  const entries = Object.entries(schemas).map(([key, schema]) => [key, compileSchema(schema)]);
  // Object.fromEntries cannot know that each key keeps its own schema's type.
  return Object.fromEntries(entries) as { [K in keyof R]: ValidateFunction<Static<R[K]>> };
}

/**
 * Throws INLET_INVALID_EVENT naming the first offending field as a JSON pointer into the sender's payload.
 * `basePointer` is where `value` sits in that payload ('' for the whole body, '/data' for a generic event's data).
 */
export function assertValid<T>(
  validate: ValidateFunction<T>,
  value: unknown,
  basePointer = '',
): asserts value is T {
  if (validate(value)) return;
  const { field, message } = describeFailure(validate.errors ?? [], basePointer);
  throw invalidEvent(message, field);
}

function describeFailure(errors: ErrorObject[], basePointer: string): { field: string; message: string } {
  // With allErrors off, an anyOf failure lists each branch's error and then the anyOf error itself.
  const anyOf = errors.find((error) => error.keyword === 'anyOf');
  if (anyOf) return describeAnyOf(anyOf, errors, basePointer);
  const first = errors[0];
  if (!first) return { field: basePointer, message: `${label(basePointer)} is invalid` };
  return describeError(first, basePointer);
}

function describeError(error: ErrorObject, basePointer: string): { field: string; message: string } {
  const path = basePointer + error.instancePath;
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') {
    const field = `${path}/${escapePointer(String(params.missingProperty))}`;
    return { field, message: `${field} is required` };
  }
  return { field: path, message: `${label(path)} ${expectation(error, params)}` };
}

function expectation(error: ErrorObject, params: Record<string, unknown>): string {
  const description = (error.parentSchema as { description?: unknown } | undefined)?.description;
  switch (error.keyword) {
    case 'type':
      return `must be ${String(params.type).split(',').join(' or ')}`;
    case 'minLength':
      return params.limit === 1
        ? 'must not be empty'
        : `must have at least ${String(params.limit)} characters`;
    case 'maxLength':
      return `must have at most ${String(params.limit)} characters`;
    case 'pattern':
      return typeof description === 'string' ? `must be ${description}` : 'has an invalid format';
    case 'format':
      return `must be ${formatNames[String(params.format)] ?? `a valid ${String(params.format)}`}`;
    case 'enum':
      return `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${String(params.comparison)} ${String(params.limit)}`;
    case 'minItems':
      return `must have at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`;
    default:
      // Ajv's own wording only ever quotes the schema, never the data.
      return error.message ?? 'is invalid';
  }
}

function describeAnyOf(
  anyOf: ErrorObject,
  errors: ErrorObject[],
  basePointer: string,
): { field: string; message: string } {
  const path = basePointer + anyOf.instancePath;
  const missing = errors
    .filter((error) => error.keyword === 'required' && error.instancePath === anyOf.instancePath)
    .map((error) => escapePointer(String((error.params as { missingProperty: unknown }).missingProperty)));
  const [first] = missing;
  if (first !== undefined && missing.length === errors.length - 1) {
    return { field: `${path}/${first}`, message: `${label(path)} must have one of: ${missing.join(', ')}` };
  }
  // A branch failed deeper than a missing property: report that branch's first error.
  const branch = errors.find((error) => error !== anyOf);
  return branch ? describeError(branch, basePointer) : { field: path, message: `${label(path)} is invalid` };
}

const formatNames: Record<string, string> = {
  'date-time': 'an RFC 3339 date-time with a time zone',
  uri: 'an absolute URI',
  'canvas-time': 'a date-time',
};

function label(pointer: string): string {
  return pointer === '' ? 'the body' : pointer;
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}
