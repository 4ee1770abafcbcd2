import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isRecordSchema, type AvroRecordSchema } from './avro-schema.js';

/**
 * The value schemas of every topic, read from avro/<topic>/v<N>.avsc. A schema change adds the next version's
 * file beside the others and never edits an old one: old versions stay so any process can still read data
 * written with them.
 */

export interface SchemaVersion {
  topic: string;
  version: number;
  schema: AvroRecordSchema;
}

/** Topic → its versions, oldest first. */
export type SchemaVersionsByTopic = ReadonlyMap<string, readonly SchemaVersion[]>;

// src/ and dist/ both sit one level below the package folder, so this finds avro/ from either.
export const schemasDir: string = fileURLToPath(new URL('../avro/', import.meta.url));

const versionFile = /^v([1-9][0-9]*)\.avsc$/;

export function loadSchemaVersions(dir: string = schemasDir): SchemaVersionsByTopic {
  const byTopic = new Map<string, SchemaVersion[]>();
  for (const topic of readdirSync(dir, { withFileTypes: true })) {
    if (!topic.isDirectory()) continue;
    const versions: SchemaVersion[] = [];
    for (const file of readdirSync(`${dir}/${topic.name}`)) {
      const match = versionFile.exec(file);
      if (!match) {
        throw new Error(`${topic.name}/${file}: schema files are named v<N>.avsc (v1.avsc, v2.avsc ...)`);
      }
      const schema: unknown = JSON.parse(readFileSync(`${dir}/${topic.name}/${file}`, 'utf8'));
      if (!isRecordSchema(schema as AvroRecordSchema)) {
        throw new Error(`${topic.name}/${file}: a topic's value schema must be a record`);
      }
      versions.push({ topic: topic.name, version: Number(match[1]), schema: schema as AvroRecordSchema });
    }
    versions.sort((a, b) => a.version - b.version);
    versions.forEach((entry, index) => {
      if (entry.version !== index + 1) {
        throw new Error(`${topic.name}: versions must be v1..vN without gaps, found v${entry.version}`);
      }
    });
    if (versions.length > 0) byTopic.set(topic.name, versions);
  }
  return byTopic;
}

let loaded: SchemaVersionsByTopic | undefined;

/** The versions shipped in this package's avro/ folder, read once per process. */
export function schemaVersions(): SchemaVersionsByTopic {
  loaded ??= loadSchemaVersions();
  return loaded;
}

export function latestVersion(versions: SchemaVersionsByTopic, topic: string): SchemaVersion {
  const latest = versions.get(topic)?.at(-1);
  if (!latest) throw new Error(`no Avro schema for topic ${topic}`);
  return latest;
}
