import { describe, expect, it } from 'vitest';
import {
  checkCompatibility,
  checkTopicCompatibility,
  createEventCodec,
  EmbeddedRegistry,
  enforcedCompatibility,
  latestVersion,
  schemaVersions,
  type AvroRecordSchema,
  type InletEvent,
} from '../src/index.js';
import { editedRecord, withVersions } from './support/schema-edits.js';
import { sampleEvents } from './support/sample-events.js';

const grades = 'inlet.grades.v1';
const v1 = latestVersion(schemaVersions(), grades).schema;

function problemsOf(...schemas: AvroRecordSchema[]) {
  return checkTopicCompatibility(withVersions(grades, ...schemas).get(grades) ?? []);
}

describe(`schema compatibility (${enforcedCompatibility})`, () => {
  it('holds between all versions in avro/', () => {
    expect(checkCompatibility()).toEqual([]);
  });

  it('reports a new field without a default: newer consumers could not read older data', () => {
    const v2 = editedRecord(grades, 'GradeChange', (fields) => [
      ...fields,
      { name: 'weight', type: 'double', doc: 'required, no default' },
    ]);
    const problems = problemsOf(v1, v2);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      topic: grades,
      readerVersion: 2,
      writerVersion: 1,
      direction: 'backward',
    });
    expect(problems[0]?.message).toMatch(
      /^inlet\.grades\.v1: v2 cannot read data written with v1 \(backward/,
    );
    expect(problems[0]?.message).toMatch(/GradeChange\.weight/);
  });

  it('reports a removed required field: older consumers could not read newer data', () => {
    const v2 = editedRecord(grades, 'GradeChange', (fields) =>
      fields.filter((f) => f.name !== 'resourceLinkId'),
    );
    expect(problemsOf(v1, v2)).toEqual([
      expect.objectContaining({ readerVersion: 1, writerVersion: 2, direction: 'forward' }),
    ]);
    expect(problemsOf(v1, v2)[0]?.message).toMatch(/resourceLinkId/);
  });

  it('reports a changed type in both directions', () => {
    const v2 = editedRecord(grades, 'GradeChange', (fields) =>
      fields.map((f) => (f.name === 'score' ? { ...f, type: ['null', 'string'] } : f)),
    );
    const problems = problemsOf(v1, v2);
    expect(problems.map((p) => p.direction)).toEqual(['backward', 'forward']);
    expect(problems[0]?.message).toMatch(/GradeChange\.score: /);
  });

  it('reports a new record in the data union: older consumers could not read it', () => {
    const v2 = structuredClone(v1);
    const data = v2.fields.find((field) => field.name === 'data');
    (data?.type as AvroRecordSchema[]).push({
      type: 'record',
      name: 'GradeOverride',
      fields: [{ name: 'userId', type: 'string' }],
    });
    const problems = problemsOf(v1, v2);
    expect(problems.map((p) => p.direction)).toEqual(['forward']);
    expect(problems[0]?.message).toMatch(/GradesEvent\.data has no GradeOverride branch/);
  });

  it('checks every pair, not only neighbours (transitive)', () => {
    // v2 adds a field with a default, v3 drops the default: each neighbour reads the other, but v3 cannot read
    // v1's data, which never had the field.
    const v2 = editedRecord(grades, 'GradeChange', (fields) => [
      ...fields,
      { name: 'weight', type: 'double', default: 1, doc: 'defaulted' },
    ]);
    const v3 = editedRecord(grades, 'GradeChange', (fields) => [
      ...fields,
      { name: 'weight', type: 'double', doc: 'required' },
    ]);
    expect(problemsOf(v1, v2)).toEqual([]);
    expect(problemsOf(v2, v3)).toEqual([]);
    const problems = problemsOf(v1, v2, v3);
    expect(problems.map((p) => `v${p.readerVersion}<-v${p.writerVersion}`)).toEqual(['v3<-v1']);
  });

  it('accepts a new nullable field defaulting to null, and old and new data read both ways', async () => {
    const v2 = editedRecord(grades, 'GradeChange', (fields) => [
      ...fields,
      { name: 'gradedBy', type: ['null', 'string'], default: null, doc: 'Who graded, when known.' },
    ]);
    expect(problemsOf(v1, v2)).toEqual([]);

    const versions = withVersions(grades, v1, v2);
    const registry = new EmbeddedRegistry(versions);
    const oldCodec = createEventCodec({ registry, versions: withVersions(grades, v1) });
    const newCodec = createEventCodec({ registry, versions });

    const event = sampleEvents['grade.updated'];
    const written = await oldCodec.encode(event);
    const read = await newCodec.decode(written.value, written.topic);
    expect(read.data).toEqual({ ...event.data, gradedBy: null });

    const newer = { ...event, data: { ...event.data, gradedBy: 'teacher-9' } } as InletEvent;
    const writtenNew = await newCodec.encode(newer);
    expect(writtenNew.schemaId).not.toBe(written.schemaId);
    await expect(oldCodec.decode(writtenNew.value, writtenNew.topic)).resolves.toStrictEqual(event);
  });
});
