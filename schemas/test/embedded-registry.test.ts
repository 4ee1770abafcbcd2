import { describe, expect, it } from 'vitest';
import {
  ConfluentSchemaRegistry,
  createRegistry,
  EmbeddedRegistry,
  fingerprintSchemaId,
  schemaVersions,
  SchemaNotFoundError,
  type AvroRecordSchema,
} from '../src/index.js';

describe('the embedded registry', () => {
  it('gives every schema version a distinct positive id', async () => {
    const registry = new EmbeddedRegistry();
    const ids: number[] = [];
    for (const [topic, topicVersions] of schemaVersions()) {
      for (const { schema } of topicVersions) ids.push(await registry.idFor(topic, schema));
    }
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toBeGreaterThan(0);
    expect(registry.ids().sort()).toEqual([...ids].sort());
  });

  it('keeps published ids stable (a changed id means a published schema was edited: add v2 instead)', () => {
    const v1Ids = Object.fromEntries(
      [...schemaVersions()].map(([topic, topicVersions]) => [
        topic,
        fingerprintSchemaId(topicVersions[0]!.schema),
      ]),
    );
    expect(v1Ids).toEqual({
      'inlet.grades.v1': 1535883486,
      'inlet.membership.v1': 840193590,
      'inlet.content.v1': 1182681815,
      'inlet.payments.v1': 967445437,
      'inlet.media.v1': 1692276102,
      'inlet.unmapped.v1': 1226858631,
    });
  });

  it('knows every shipped version from the start, so a fresh process reads any of them', async () => {
    const registry = new EmbeddedRegistry();
    for (const topicVersions of schemaVersions().values()) {
      for (const { schema } of topicVersions) {
        await expect(registry.schemaById(fingerprintSchemaId(schema))).resolves.toEqual(schema);
      }
    }
  });

  it('registers a schema it did not ship with, for this process', async () => {
    const registry = new EmbeddedRegistry(new Map());
    const schema: AvroRecordSchema = {
      type: 'record',
      name: 'Probe',
      fields: [{ name: 'a', type: 'string' }],
    };
    const id = await registry.idFor('probe', schema);
    await expect(registry.schemaById(id)).resolves.toBe(schema);
    // Docs are not part of the canonical form: the same schema with other docs has the same id.
    await expect(registry.idFor('probe', { ...schema, doc: 'documented' })).resolves.toBe(id);
  });

  it('rejects an unknown id with SchemaNotFoundError', async () => {
    const error = await new EmbeddedRegistry().schemaById(7).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaNotFoundError);
    expect((error as SchemaNotFoundError).code).toBe('INLET_SCHEMA_NOT_FOUND');
  });
});

describe('createRegistry', () => {
  it('uses the embedded registry unless SCHEMA_REGISTRY_URL is set', () => {
    expect(createRegistry({})).toBeInstanceOf(EmbeddedRegistry);
    expect(createRegistry({ SCHEMA_REGISTRY_URL: ' ' })).toBeInstanceOf(EmbeddedRegistry);
    expect(createRegistry({ SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081' })).toBeInstanceOf(
      ConfluentSchemaRegistry,
    );
  });
});
