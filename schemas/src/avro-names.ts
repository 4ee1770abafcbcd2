import { fullName, type AvroRecordSchema, type AvroSchema } from './avro-schema.js';

/**
 * Avro's named types as a schema file declares them: records, enums and fixed types are named once, inside a
 * namespace, and referred to by name afterwards. Readers of the files (the catalog, the type generator) resolve
 * references with these, without knowing any event type.
 */

/** A record schema as written in a file, with the namespace it inherits and the named types it can refer to. */
export interface RecordInContext {
  record: AvroRecordSchema;
  namespace: string | undefined;
  /** Every named type of the whole value schema by full name, to resolve references like "BehaviorItem". */
  named: ReadonlyMap<string, AvroSchema>;
}

export function namespaceOf(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : name.slice(0, dot);
}

/** Follows a reference to a named type ("BehaviorItem", "inlet.content.BehaviorItem"); other schemas as they are. */
export function dereference(
  schema: AvroSchema,
  context: Pick<RecordInContext, 'namespace' | 'named'>,
): AvroSchema {
  if (typeof schema !== 'string') return schema;
  return context.named.get(fullName(schema, context.namespace)) ?? context.named.get(schema) ?? schema;
}

export function namedTypes(
  schema: AvroSchema,
  namespace: string | undefined,
  found = new Map<string, AvroSchema>(),
): Map<string, AvroSchema> {
  if (Array.isArray(schema)) {
    for (const branch of schema) namedTypes(branch, namespace, found);
  } else if (typeof schema === 'object') {
    let inner = namespace;
    if (typeof schema.name === 'string') {
      const name = fullName(schema.name, schema.namespace ?? namespace);
      found.set(name, schema);
      inner = namespaceOf(name);
    }
    for (const field of schema.fields ?? []) namedTypes(field.type, inner, found);
    if (schema.items !== undefined) namedTypes(schema.items, inner, found);
    if (schema.values !== undefined) namedTypes(schema.values, inner, found);
    if (typeof schema.type === 'object') namedTypes(schema.type, inner, found);
  }
  return found;
}
