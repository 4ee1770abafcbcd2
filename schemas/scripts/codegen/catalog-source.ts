import type { ServiceName } from '@inlet/topics';
import type { AvroRecordSchema } from '../../src/avro-schema.js';
import { jsDoc } from './js-doc.js';
import { tsType } from './ts-declarations.js';

/** The data records of each service's main topic, in the order the topic's `data` union lists them. */
export type DataRecordsByService = ReadonlyMap<ServiceName, readonly AvroRecordSchema[]>;

/**
 * The body of src/generated/events.ts: the record types re-exported from the per-service files, then
 * EventDataByType, EventType, eventTypes and the InletEvent envelope. Refuses an event type whose record no
 * main topic declares, and a data record that no event type carries.
 */
export function catalogSource(
  byService: DataRecordsByService,
  eventRecords: Readonly<Record<string, string>>,
  envelope: AvroRecordSchema,
): string {
  const serviceOf = new Map<string, ServiceName>();
  for (const [service, records] of byService)
    for (const record of records) serviceOf.set(record.name, service);
  checkEventRecords(eventRecords, serviceOf);
  const imports = [...byService].map(
    ([service, records]) =>
      `import type { ${records.map((record) => record.name).join(', ')} } from './${service}.js';`,
  );
  return [
    ["import type { ServiceName } from '@inlet/topics';", ...imports].join('\n'),
    [...byService.keys()].map((service) => `export type * from './${service}.js';`).join('\n'),
    dataRecords(serviceOf),
    eventDataByType(eventRecords),
    'export type EventType = keyof EventDataByType;',
    eventTypeInfo,
    eventTypesConst(eventRecords, serviceOf),
    inletEvent(envelope),
  ].join('\n\n');
}

function checkEventRecords(
  eventRecords: Readonly<Record<string, string>>,
  serviceOf: ReadonlyMap<string, ServiceName>,
): void {
  for (const [type, record] of Object.entries(eventRecords)) {
    if (!serviceOf.has(record))
      throw new Error(`event type ${type}: no main topic's data union holds a record ${record}`);
  }
  const carried = new Set(Object.values(eventRecords));
  for (const record of serviceOf.keys()) {
    if (!carried.has(record))
      throw new Error(`data record ${record} is carried by no event type in event-records.ts`);
  }
}

function dataRecords(serviceOf: ReadonlyMap<string, ServiceName>): string {
  const lines = [...serviceOf.keys()].map((record) => `  ${record}: ${record};`);
  return `/** Every data record by name: the branches of the main topics' \`data\` unions. */\nexport interface DataRecords {\n${lines.join('\n')}\n}`;
}

function eventDataByType(eventRecords: Readonly<Record<string, string>>): string {
  const lines = Object.entries(eventRecords).map(([type, record]) => `  '${type}': ${record};`);
  return `/** Every canonical event type and the record that holds its data. */\nexport interface EventDataByType {\n${lines.join('\n')}\n}`;
}

const eventTypeInfo = `export interface EventTypeInfo {
  service: ServiceName;
  /** The Avro record that holds this type's data (a branch of the topic's \`data\` union). */
  record: keyof DataRecords;
}`;

function eventTypesConst(
  eventRecords: Readonly<Record<string, string>>,
  serviceOf: ReadonlyMap<string, ServiceName>,
): string {
  const lines = Object.entries(eventRecords).map(
    ([type, record]) => `  '${type}': { service: '${serviceOf.get(record)}', record: '${record}' },`,
  );
  return `/** Every canonical event type, the service (and so the topic) it belongs to and its data record. */
export const eventTypes: Record<EventType, EventTypeInfo> = {\n${lines.join('\n')}\n};`;
}

/** The envelope, from the value record every main topic shares: \`type\` narrows \`data\`. */
function inletEvent(value: AvroRecordSchema): string {
  const scope = { namespace: value.namespace, named: new Map() };
  const fields = value.fields.map((field) => {
    const type =
      field.name === 'type'
        ? 'T'
        : field.name === 'data'
          ? 'EventDataByType[T]'
          : tsType(field.type, scope, []);
    return `${jsDoc(field.doc, '  ')}  ${field.name}: ${type};`;
  });
  return `/** The envelope every event travels in; \`data\`'s shape is decided by \`type\`. */
export interface InletEvent<T extends EventType = EventType> {\n${fields.join('\n')}\n}`;
}
