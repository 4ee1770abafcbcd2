import { dataRecordOf } from './data-record.js';
import { partitionKey, type EventType, type InletEvent } from './events.js';
import type { SchemaVersionsByTopic } from './schema-files.js';

/**
 * Which data field partitionKey() keys the type by, found by asking partitionKey itself with each field set to
 * its own name, so the catalogs follow the code rather than restating it. Undefined when the key is computed.
 */
export function partitionKeyField(type: EventType, versions?: SchemaVersionsByTopic): string | undefined {
  const { record } = dataRecordOf(type, versions);
  const probe = Object.fromEntries(record.fields.map((field) => [field.name, `\u0000${field.name}`]));
  const key = partitionKey({ type, data: probe } as unknown as InletEvent);
  return record.fields.find((candidate) => key === `\u0000${candidate.name}`)?.name;
}
