import type { AvroField, AvroRecordSchema, SchemaVersion, SchemaVersionsByTopic } from '../../src/index.js';
import { latestVersion, schemaVersions } from '../../src/index.js';

/** A copy of a topic's v1 schema with one data record's fields edited: a would-be v2 for compatibility tests. */
export function editedRecord(
  topic: string,
  record: string,
  edit: (fields: AvroField[]) => AvroField[],
): AvroRecordSchema {
  const schema = structuredClone(latestVersion(schemaVersions(), topic).schema);
  const data = schema.fields.find((field) => field.name === 'data');
  const target = (data?.type as AvroRecordSchema[]).find((candidate) => candidate.name === record);
  if (!target) throw new Error(`no record ${record} in ${topic}`);
  target.fields = edit(target.fields);
  return schema;
}

export function withVersions(topic: string, ...schemas: AvroRecordSchema[]): SchemaVersionsByTopic {
  const versions = new Map(schemaVersions());
  const topicVersions: SchemaVersion[] = schemas.map((schema, index) => ({
    topic,
    version: index + 1,
    schema,
  }));
  versions.set(topic, topicVersions);
  return versions;
}
