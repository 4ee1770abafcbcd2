import { serviceNames, serviceTopics, unmappedTopic } from '@inlet/topics';
import { describe, expect, it } from 'vitest';
import {
  eventTypes,
  latestVersion,
  schemaVersions,
  type AvroField,
  type AvroRecordSchema,
  type AvroSchema,
} from '../src/index.js';

const versions = schemaVersions();

function dataRecords(schema: AvroRecordSchema): AvroRecordSchema[] {
  const data = schema.fields.find((field) => field.name === 'data');
  return (Array.isArray(data?.type) ? data.type : [data?.type]) as AvroRecordSchema[];
}

function allFields(schema: AvroSchema): AvroField[] {
  if (Array.isArray(schema)) return schema.flatMap(allFields);
  if (typeof schema !== 'object') return [];
  return [
    ...(schema.fields ?? []).flatMap((field) => [field, ...allFields(field.type)]),
    ...(schema.items === undefined ? [] : allFields(schema.items)),
    ...(typeof schema.type === 'object' ? allFields(schema.type) : []),
  ];
}

describe('the schema files', () => {
  it('hold one value schema folder per main topic and the unmapped topic, each starting at v1', () => {
    expect([...versions.keys()].sort()).toEqual(
      [...serviceNames.map((service) => serviceTopics(service).main), unmappedTopic].sort(),
    );
    for (const topicVersions of versions.values()) expect(topicVersions[0]?.version).toBe(1);
  });

  it.each(serviceNames.map((service) => serviceTopics(service).main))(
    '%s: the data union holds exactly the records eventTypes names for the topic',
    (topic) => {
      const { schema } = latestVersion(versions, topic);
      const service = topic.split('.')[1];
      expect(schema.namespace).toBe(`inlet.${service}`);
      const expected = new Set(
        Object.values(eventTypes)
          .filter((info) => info.service === service)
          .map((info) => info.record),
      );
      expect(dataRecords(schema).map((record) => record.name)).toEqual([...expected]);
    },
  );

  it('give every event topic the same envelope', () => {
    const eventTopics = [...versions.entries()].filter(([topic]) => topic !== unmappedTopic);
    const envelopes = eventTopics.map(([, topicVersions]) =>
      // data differs by design: each topic has its own records.
      topicVersions.at(-1)?.schema.fields.map(({ name, type, doc }) => ({
        name,
        type: name === 'data' ? 'the topic records' : type,
        doc,
      })),
    );
    for (const envelope of envelopes) expect(envelope).toEqual(envelopes[0]);
    expect(envelopes[0]?.map((field) => field.name)).toEqual([
      'eventId',
      'type',
      'source',
      'sourceEventName',
      'occurredAt',
      'receivedAt',
      'data',
    ]);
  });

  it('document every field and make every nullable field default to null', () => {
    for (const topicVersions of versions.values()) {
      for (const { schema } of topicVersions) {
        for (const field of allFields(schema)) {
          expect(field.doc, `${schema.name}.${field.name} needs a doc`).toBeTruthy();
          const nullable = Array.isArray(field.type) && field.type.includes('null');
          if (nullable) {
            expect((field.type as AvroSchema[])[0], `${field.name}: null comes first`).toBe('null');
            expect(field.default, `${field.name} defaults to null`).toBeNull();
          } else {
            expect(field.default, `${field.name} is required`).toBeUndefined();
          }
        }
      }
    }
  });
});
