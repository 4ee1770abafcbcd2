import { fileURLToPath } from 'node:url';
import { unmappedTopic } from '@inlet/topics';
import {
  fullName,
  isRecordSchema,
  type AvroField,
  type AvroRecordSchema,
  type AvroSchema,
} from './avro-schema.js';
import { enforcedCompatibility } from './compatibility.js';
import { dereference, namedTypes, namespaceOf, type RecordInContext } from './avro-names.js';
import { dataRecordOf } from './data-record.js';
import { topicOfEventType } from './event-topics.js';
import { eventTypes, type EventType } from './events.js';
import { markdownTable } from './markdown-table.js';
import { partitionKeyField } from './partition-key-field.js';
import { fingerprintSchemaId } from './schema-id.js';
import { latestVersion, schemaVersions, type SchemaVersionsByTopic } from './schema-files.js';

/** Where the generated catalog lives: schemas/CATALOG.md. */
export const catalogPath: string = fileURLToPath(new URL('../CATALOG.md', import.meta.url));

/**
 * CATALOG.md: every topic, its event types, their partition keys and every record's fields, generated from the
 * Avro schemas and eventTypes so it cannot drift from them (a test compares the file with this).
 */
export function renderCatalog(versions: SchemaVersionsByTopic = schemaVersions()): string {
  const topics = [...versions.keys()].filter((topic) => topic !== unmappedTopic).sort(byServiceOrder);
  const first = topics[0];
  const sections = [
    '# Inlet event catalog',
    'Generated from the Avro schemas in `schemas/avro/` and the event types of `schemas/src/event-records.ts` by ' +
      '`npm run generate --workspace @inlet/schemas`. Do not edit it by hand: a test fails when it differs from ' +
      'the schemas.',
    'Every value is Avro in the Confluent wire format (magic byte 0, 4-byte big-endian schema id, Avro binary). ' +
      'Schema ids are those of the embedded registry (SHA-256 fingerprint of the canonical form); a Confluent ' +
      `Schema Registry assigns its own. Versions of a topic's schema are kept ${enforcedCompatibility} ` +
      'compatible (see `src/compatibility.ts`). Nullable fields default to null: a writer may leave them out.',
    ...(first ? envelopeSection(latestVersion(versions, first).schema) : []),
    ...topics.flatMap((topic) => topicSection(topic, versions)),
    ...(versions.has(unmappedTopic) ? unmappedSection(versions) : []),
  ];
  return `${sections.join('\n\n')}\n`;
}

const serviceOrder = ['grades', 'membership', 'content', 'payments', 'media'];

function byServiceOrder(a: string, b: string): number {
  const rank = (topic: string) => {
    const index = serviceOrder.findIndex((service) => topic === `inlet.${service}.v1`);
    return index < 0 ? serviceOrder.length : index;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

function envelopeSection(value: AvroRecordSchema): string[] {
  const context = contextOf(value);
  return [
    '## The envelope',
    "Every topic's value is a record with these fields; `data` is the record that the event type names.",
    // Each topic has its own data records, listed in its section.
    fieldTable(value.fields, context, { data: "record: one of the topic's data records" }),
  ];
}

function topicSection(topic: string, versions: SchemaVersionsByTopic): string[] {
  const latest = latestVersion(versions, topic);
  const types = (Object.keys(eventTypes) as EventType[]).filter((type) => topicOfEventType(type) === topic);
  const records = [...new Set(types.map((type) => eventTypes[type].record))];
  return [
    `## ${topic}`,
    ...(latest.schema.doc ? [latest.schema.doc] : []),
    `Value schema \`${fullName(latest.schema.name, latest.schema.namespace)}\`, versions: ${versionList(versions, topic)}; ` +
      `latest v${latest.version}.`,
    markdownTable(
      ['Event type', 'Data record', 'Partition key'],
      types.map((type) => {
        const field = partitionKeyField(type, versions);
        return [`\`${type}\``, eventTypes[type].record, field ? `\`data.${field}\`` : 'computed'];
      }),
    ),
    ...records.flatMap((record) => {
      const type = types.find((candidate) => eventTypes[candidate].record === record);
      return type ? recordSections(dataRecordOf(type, versions)) : [];
    }),
  ];
}

/** The topic of authentic webhooks no mapping knows yet: its own record, not the envelope (src/unmapped.ts). */
function unmappedSection(versions: SchemaVersionsByTopic): string[] {
  const latest = latestVersion(versions, unmappedTopic);
  return [
    `## ${unmappedTopic}`,
    ...(latest.schema.doc ? [latest.schema.doc] : []),
    `Value schema \`${fullName(latest.schema.name, latest.schema.namespace)}\`, versions: ${versionList(
      versions,
      unmappedTopic,
    )}; latest v${latest.version}. Partition key: \`source\`. Read with \`inlet unmapped list|show|replay\`.`,
    fieldTable(latest.schema.fields, contextOf(latest.schema)),
  ];
}

function versionList(versions: SchemaVersionsByTopic, topic: string): string {
  return (versions.get(topic) ?? [])
    .map(({ version, schema }) => `v${version} (id ${fingerprintSchemaId(schema)})`)
    .join(', ');
}

/** The record and the records nested in it, each as a heading, its doc and a field table. */
function recordSections(context: RecordInContext, seen = new Set<string>()): string[] {
  const { record } = context;
  const name = fullName(record.name, record.namespace ?? context.namespace);
  if (seen.has(name)) return [];
  seen.add(name);
  const inner = { ...context, namespace: namespaceOf(name) };
  const nested = record.fields.flatMap((field) => nestedRecords(field.type, inner));
  return [
    `### ${record.name}`,
    ...(record.doc ? [record.doc] : []),
    fieldTable(record.fields, inner),
    ...nested.flatMap((child) => recordSections({ ...inner, record: child }, seen)),
  ];
}

function nestedRecords(schema: AvroSchema, context: RecordInContext): AvroRecordSchema[] {
  const resolved = dereference(schema, context);
  if (Array.isArray(resolved)) return resolved.flatMap((branch) => nestedRecords(branch, context));
  if (typeof resolved === 'string') return [];
  if (isRecordSchema(resolved)) return [resolved];
  if (resolved.items !== undefined) return nestedRecords(resolved.items, context);
  if (resolved.values !== undefined) return nestedRecords(resolved.values, context);
  return [];
}

function fieldTable(
  fields: readonly AvroField[],
  context: RecordInContext,
  typeOverrides: Record<string, string> = {},
): string {
  return markdownTable(
    ['Field', 'Type', 'Nullable', 'Description'],
    fields.map((field) => {
      const { type, nullable } = describeFieldType(field.type, context);
      return [
        `\`${field.name}\``,
        typeOverrides[field.name] ?? type,
        nullable ? 'yes' : 'no',
        field.doc ?? '',
      ];
    }),
  );
}

function describeFieldType(
  schema: AvroSchema,
  context: RecordInContext,
): { type: string; nullable: boolean } {
  if (Array.isArray(schema)) {
    const nonNull = schema.filter((branch) => branch !== 'null');
    return {
      type: nonNull.map((branch) => typeName(branch, context)).join(' or '),
      nullable: nonNull.length < schema.length,
    };
  }
  return { type: typeName(schema, context), nullable: false };
}

function typeName(schema: AvroSchema, context: RecordInContext): string {
  if (Array.isArray(schema)) return describeFieldType(schema, context).type;
  if (typeof schema === 'string') {
    const named = dereference(schema, context);
    return typeof named === 'string' ? named : typeName(named, context);
  }
  switch (schema.type) {
    case 'record':
      return `record ${schema.name}`;
    case 'enum':
      return `enum ${schema.name} (${(schema.symbols ?? []).join(', ')}${
        schema.default === undefined ? '' : `; unknown symbols read as ${String(schema.default)}`
      })`;
    case 'array':
      return `array of ${typeName(schema.items ?? 'null', context)}`;
    case 'map':
      return `map of ${typeName(schema.values ?? 'null', context)}`;
    default:
      return schema.logicalType
        ? `${typeName(schema.type, context)} (${schema.logicalType})`
        : typeName(schema.type, context);
  }
}

function contextOf(value: AvroRecordSchema): RecordInContext {
  return { record: value, namespace: value.namespace, named: namedTypes(value, value.namespace) };
}
