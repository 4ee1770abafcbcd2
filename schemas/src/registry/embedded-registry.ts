import type { AvroSchema } from '../avro-schema.js';
import { avroType } from '../avro-types.js';
import { fingerprintSchemaId } from '../schema-id.js';
import { schemaVersions, type SchemaVersionsByTopic } from '../schema-files.js';
import { SchemaNotFoundError, type SchemaRegistry } from './schema-registry.js';

/**
 * The default registry: no server. Ids are fingerprints of the schemas (see fingerprintSchemaId), so every
 * process agrees on them, and every version in avro/ is known from the start, so any service reads data written
 * with any shipped version. A schema that is not in avro/ gets its id too, but only this process knows it.
 */
export class EmbeddedRegistry implements SchemaRegistry {
  readonly #byId = new Map<number, { schema: AvroSchema; canonical: string }>();
  readonly #idBySchema = new WeakMap<object, number>();

  constructor(versions: SchemaVersionsByTopic = schemaVersions()) {
    for (const topicVersions of versions.values()) {
      for (const { schema } of topicVersions) this.#register(schema);
    }
  }

  async idFor(_topic: string, schema: AvroSchema): Promise<number> {
    return this.#register(schema);
  }

  async schemaById(id: number): Promise<AvroSchema> {
    const known = this.#byId.get(id);
    if (!known) throw new SchemaNotFoundError(id);
    return known.schema;
  }

  /** Every id this registry can resolve, in registration order. */
  ids(): number[] {
    return [...this.#byId.keys()];
  }

  #register(schema: AvroSchema): number {
    const remembered = typeof schema === 'object' ? this.#idBySchema.get(schema) : undefined;
    if (remembered !== undefined) return remembered;
    const id = fingerprintSchemaId(schema);
    const canonical = JSON.stringify(avroType(schema).schema());
    const known = this.#byId.get(id);
    if (!known) {
      this.#byId.set(id, { schema, canonical });
    } else if (known.canonical !== canonical) {
      // 31 bits of a SHA-256: a collision is unlikely but would silently mix two schemas up, so refuse it.
      throw new Error(
        `schema id ${id} is already taken by another schema; change the new schema's name or fields`,
      );
    }
    if (typeof schema === 'object') this.#idBySchema.set(schema, id);
    return id;
  }
}
