import { fullName, type AvroComplexSchema, type AvroSchema } from './avro-schema.js';
import { dataRecordOf, dereference, namespaceOf, type RecordInContext } from './data-record.js';
import type { EventType } from './events.js';
import { isIdLikeField } from './id-like.js';
import type { SchemaVersionsByTopic } from './schema-files.js';

/** The subset of JSON Schema (draft-07 and 2020-12 alike) that dataJsonSchema produces. */
export interface JsonSchema {
  type?: JsonSchemaTypeName | JsonSchemaTypeName[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  enum?: (string | null)[];
  anyOf?: JsonSchema[];
  minLength?: number;
  minimum?: number;
  maximum?: number;
}

export type JsonSchemaTypeName = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'array' | 'object';

// The ranges the codec accepts: Avro's int, and avsc's long as JavaScript numbers (it refuses values it could
// not represent exactly).
const intRange = { minimum: -2147483648, maximum: 2147483647 };
const longRange = { minimum: -9007199254740990, maximum: 9007199254740990 };

/**
 * The JSON Schema of an event type's data, derived from its record in the topic's latest Avro schema, so it
 * accepts exactly what the codec accepts: no other fields, every field without a default required (nullable
 * fields may be left out and become null), safe integers for long and int, non-empty ids (see id-like.ts).
 * It names no $schema: it is valid draft-07 and 2020-12 alike, whichever the validator defaults to.
 */
export function dataJsonSchema(type: EventType, versions?: SchemaVersionsByTopic): JsonSchema {
  const context = dataRecordOf(type, versions);
  return recordJsonSchema(context.record, context);
}

function recordJsonSchema(record: AvroComplexSchema, context: RecordInContext): JsonSchema {
  const inner: RecordInContext = {
    ...context,
    namespace: namespaceOf(fullName(record.name ?? '', record.namespace ?? context.namespace)),
  };
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const field of record.fields ?? []) {
    const schema = toJsonSchema(field.type, inner);
    if (isIdLikeField(field.name) && schema.type === 'string') schema.minLength = 1;
    properties[field.name] = field.doc === undefined ? schema : { ...schema, description: field.doc };
    if (field.default === undefined) required.push(field.name);
  }
  return {
    type: 'object',
    ...(record.name === undefined ? {} : { title: record.name }),
    ...(record.doc === undefined ? {} : { description: record.doc }),
    properties,
    required,
    additionalProperties: false,
  };
}

function toJsonSchema(avro: AvroSchema, context: RecordInContext): JsonSchema {
  const schema = dereference(avro, context);
  if (Array.isArray(schema)) return unionJsonSchema(schema, context);
  if (typeof schema === 'string') return primitiveJsonSchema(schema);
  switch (schema.type) {
    case 'record':
    case 'error':
      return recordJsonSchema(schema, context);
    case 'enum':
      return { type: 'string', enum: [...(schema.symbols ?? [])] };
    case 'array':
      return { type: 'array', items: toJsonSchema(schema.items ?? 'null', context) };
    default:
      // A primitive written as an object, e.g. { "type": "long", "logicalType": "timestamp-millis" }.
      return toJsonSchema(schema.type, context);
  }
}

function primitiveJsonSchema(name: string): JsonSchema {
  switch (name) {
    case 'string':
      return { type: 'string' };
    case 'double':
    case 'float':
      return { type: 'number' };
    case 'int':
      return { type: 'integer', ...intRange };
    case 'long':
      return { type: 'integer', ...longRange };
    case 'boolean':
      return { type: 'boolean' };
    case 'null':
      return { type: 'null' };
    default:
      throw new Error(`no JSON Schema for Avro type ${name}`);
  }
}

/** ["null", T] becomes T or null; other unions become anyOf their branches. */
function unionJsonSchema(branches: AvroSchema[], context: RecordInContext): JsonSchema {
  const schemas = branches.map((branch) => toJsonSchema(branch, context));
  const nonNull = schemas.filter((schema) => schema.type !== 'null');
  const nullable = nonNull.length < schemas.length;
  const only = nonNull[0];
  if (nullable && nonNull.length === 1 && only && typeof only.type === 'string' && only.type !== 'object') {
    // Keywords like minLength or minimum apply only to their own type, so null still passes them.
    return { ...only, type: [only.type, 'null'], ...(only.enum ? { enum: [...only.enum, null] } : {}) };
  }
  return { anyOf: schemas };
}
