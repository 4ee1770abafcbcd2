import { fullName, isRecordSchema, type AvroRecordSchema, type AvroSchema } from './avro-schema.js';
import { eventTypes, type EventType } from './events.js';
import { topicOfEventType } from './event-topics.js';
import { latestVersion, schemaVersions, type SchemaVersionsByTopic } from './schema-files.js';

/** A record schema as written in a file, with the namespace it inherits and the named types it can refer to. */
export interface RecordInContext {
  record: AvroRecordSchema;
  namespace: string | undefined;
  /** Every named type of the whole value schema by full name, to resolve references like "BehaviorItem". */
  named: ReadonlyMap<string, AvroSchema>;
}

/** The record that holds an event type's data, in its topic's latest schema. */
export function dataRecordOf(
  type: EventType,
  versions: SchemaVersionsByTopic = schemaVersions(),
): RecordInContext {
  const value = latestVersion(versions, topicOfEventType(type)).schema;
  const named = namedTypes(value, value.namespace);
  const name = fullName(eventTypes[type].record, value.namespace);
  const record = named.get(name);
  if (!record || !isRecordSchema(record)) throw new Error(`${topicOfEventType(type)} has no record ${name}`);
  return { record, namespace: namespaceOf(name), named };
}

export function namespaceOf(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : name.slice(0, dot);
}

/** Follows a reference to a named type ("BehaviorItem", "inlet.content.BehaviorItem"); other schemas as they are. */
export function dereference(schema: AvroSchema, context: RecordInContext): AvroSchema {
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
