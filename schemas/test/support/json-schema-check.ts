import type { JsonSchema } from '../../src/index.js';

/**
 * A minimal JSON Schema evaluator for exactly the keywords dataJsonSchema produces, so this package can test that
 * its JSON Schemas and its codec agree without depending on a validator. The ingress validates with ajv.
 */
export function jsonSchemaAccepts(schema: JsonSchema, value: unknown): boolean {
  if (schema.anyOf && !schema.anyOf.some((branch) => jsonSchemaAccepts(branch, value))) return false;
  if (schema.enum && !schema.enum.some((allowed) => allowed === value)) return false;
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((type) => hasType(type, value))) return false;
  }
  if (typeof value === 'string' && schema.minLength !== undefined && [...value].length < schema.minLength) {
    return false;
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return false;
    if (schema.maximum !== undefined && value > schema.maximum) return false;
  }
  if (Array.isArray(value) && schema.items) {
    if (!value.every((item) => jsonSchemaAccepts(schema.items as JsonSchema, item))) return false;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (!(name in record)) return false;
    for (const [name, field] of Object.entries(record)) {
      const property = schema.properties?.[name];
      if (!property) {
        if (schema.additionalProperties === false) return false;
      } else if (!jsonSchemaAccepts(property, field)) {
        return false;
      }
    }
  }
  return true;
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}
