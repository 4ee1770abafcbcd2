import { fileURLToPath } from 'node:url';
import { serviceNames, serviceTopics, unmappedTopic, type ServiceName } from '@inlet/topics';
import { namedTypes } from '../../src/avro-names.js';
import { isRecordSchema, type AvroRecordSchema } from '../../src/avro-schema.js';
import { eventRecords as declaredEventRecords } from '../../src/event-records.js';
import { latestVersion, loadSchemaVersions, type SchemaVersionsByTopic } from '../../src/schema-files.js';
import { catalogSource } from './catalog-source.js';
import { wrap } from './js-doc.js';
import { declarationsOf } from './ts-declarations.js';

/**
 * Where the generated types live: schemas/src/generated/, one file per main topic, events.ts and unmapped.ts
 * (the value record of the unmapped topic, which src/unmapped.ts narrows).
 */
export const generatedDir: string = fileURLToPath(new URL('../../src/generated/', import.meta.url));

/** Regenerates everything derived from the schemas (these types, CATALOG.md, asyncapi.json), in that order. */
export const regenerateCommand = 'npm run generate --workspace @inlet/schemas';

/**
 * The TypeScript of the canonical events, by file name: `<service>.ts` declares the data records of that
 * service's main topic (its latest schema), `events.ts` the catalog of event types (from event-records.ts) and
 * the envelope, `unmapped.ts` the value record of the unmapped topic. Unformatted; the caller runs prettier over
 * each file.
 */
export function renderEventFiles(
  versions: SchemaVersionsByTopic = loadSchemaVersions(),
  eventRecords: Readonly<Record<string, string>> = declaredEventRecords,
): Map<string, string> {
  const files = new Map<string, string>();
  const byService = new Map<ServiceName, AvroRecordSchema[]>();
  const declared = new Set<string>();
  for (const service of serviceNames) {
    const topic = serviceTopics(service).main;
    const schema = latestVersion(versions, topic).schema;
    const scope = { namespace: schema.namespace, named: namedTypes(schema, schema.namespace) };
    const records = dataRecords(schema);
    byService.set(service, records);
    files.set(
      `${service}.ts`,
      [
        header(`the latest Avro schema of ${topic} (schemas/avro/${topic}/): the records of its data union`),
        lineComment(`${schema.name}: ${schema.doc ?? ''}`),
        ...records.flatMap((record) => declarationsOf(record, scope, declared)),
      ].join('\n\n'),
    );
  }
  const unmapped = latestVersion(versions, unmappedTopic).schema;
  files.set(
    'unmapped.ts',
    [
      header(`the latest Avro schema of ${unmappedTopic} (schemas/avro/${unmappedTopic}/): its value record`),
      ...declarationsOf(
        unmapped,
        { namespace: unmapped.namespace, named: namedTypes(unmapped, unmapped.namespace) },
        declared,
      ),
    ].join('\n\n'),
  );
  const envelope = latestVersion(versions, serviceTopics(serviceNames[0] as ServiceName).main).schema;
  files.set(
    'events.ts',
    [
      header(
        'the Avro schemas of the main topics and src/event-records.ts: the event types and the envelope',
      ),
      catalogSource(byService, eventRecords, envelope),
    ].join('\n\n'),
  );
  return new Map([...files].map(([name, text]) => [name, `${text}\n`]));
}

function header(from: string): string {
  return lineComment(
    `Generated from ${from}, by \`${regenerateCommand}\`. Do not edit: change those and regenerate ` +
      '(a test fails while this file differs from what they generate).',
  );
}

/** `text` as // comment lines within the repository's line width (prettier leaves comments as they are). */
function lineComment(text: string): string {
  return wrap(text, 107)
    .map((line) => `// ${line}`)
    .join('\n');
}

/** The records of a main topic's `data` union, each declared in place (that is how every topic writes them). */
function dataRecords(schema: AvroRecordSchema): AvroRecordSchema[] {
  const data = schema.fields.find((field) => field.name === 'data');
  const branches = Array.isArray(data?.type) ? data.type : [data?.type];
  return branches.map((branch) => {
    if (branch === undefined || !isRecordSchema(branch)) {
      throw new Error(`${schema.name}: every branch of the data union must be a record declared in place`);
    }
    return branch;
  });
}
