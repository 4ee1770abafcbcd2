import { isRecordSchema, fullName } from './avro-schema.js';
import { namedTypes, namespaceOf, type RecordInContext } from './avro-names.js';
import { eventTypes, type EventType } from './events.js';
import { topicOfEventType } from './event-topics.js';
import { latestVersion, schemaVersions, type SchemaVersionsByTopic } from './schema-files.js';

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
