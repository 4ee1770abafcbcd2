import type { Resolver, Type } from 'avsc';
import { unmappedTopic } from '@inlet/topics';
import type { AvroSchema } from './avro-schema.js';
import { avroType } from './avro-types.js';
import { describeType } from './describe-type.js';
import type { UnmappedWebhook as UnmappedWebhookRecord } from './generated/unmapped.js';
import { EventValidationError, UndecodableEventError } from './errors.js';
import { SchemaNotFoundError, type SchemaRegistry } from './registry/schema-registry.js';
import { latestVersion, schemaVersions, type SchemaVersionsByTopic } from './schema-files.js';
import { encodeFramed, headerBytes, readSchemaId } from './wire-format.js';

/** The route families of the webhook API: which normalizer a replay runs. */
export const unmappedFamilies = ['lti', 'services', 'commerce', 'internal'] as const;
export type UnmappedFamily = (typeof unmappedFamilies)[number];

/**
 * An authentic webhook the ingress could not map to a canonical event (inlet.unmapped.v1), as its schema
 * declares it, with `family` narrowed to the route families (the schema says string). Not an InletEvent: it has
 * no canonical type, and its payload is the sender's own JSON, without credentials.
 */
export interface UnmappedWebhook extends Omit<UnmappedWebhookRecord, 'family'> {
  family: UnmappedFamily;
}

export interface EncodedUnmapped {
  topic: string;
  /** Confluent wire format, as every Inlet value. */
  value: Buffer;
  schemaId: number;
}

export interface UnmappedCodec {
  /** Validates and encodes with the unmapped topic's latest schema; rejects with EventValidationError. */
  encode(record: UnmappedWebhook): Promise<EncodedUnmapped>;
  /** Reads a value of the unmapped topic written with any known version; UndecodableEventError otherwise. */
  decode(value: Buffer): Promise<UnmappedWebhook>;
}

export interface UnmappedCodecOptions {
  registry: SchemaRegistry;
  versions?: SchemaVersionsByTopic;
}

export function isUnmappedFamily(value: unknown): value is UnmappedFamily {
  return typeof value === 'string' && (unmappedFamilies as readonly string[]).includes(value);
}

/**
 * The codec of inlet.unmapped.v1: the same registry and wire format as the event codec (schema ids from the
 * registry under the topic's subject), its own record type.
 */
export function createUnmappedCodec({
  registry,
  versions = schemaVersions(),
}: UnmappedCodecOptions): UnmappedCodec {
  const latest = latestVersion(versions, unmappedTopic);
  const reader = avroType(latest.schema);
  let schemaId: Promise<number> | undefined;
  const readings = new Map<number, Promise<Resolver | null>>();

  function writerSchemaId(): Promise<number> {
    if (!schemaId) {
      const asked = registry.idFor(unmappedTopic, latest.schema);
      // A registry outage must not poison the cache: the next encode asks again.
      asked.catch(() => (schemaId = undefined));
      schemaId = asked;
    }
    return schemaId;
  }

  function resolverFor(id: number): Promise<Resolver | null> {
    let reading = readings.get(id);
    if (!reading) {
      reading = registry.schemaById(id).then((schema: AvroSchema) => resolverOf(avroType(schema), id));
      reading.catch(() => readings.delete(id));
      readings.set(id, reading);
    }
    return reading;
  }

  function resolverOf(writer: Type, id: number): Resolver | null {
    if (reader.equals(writer)) return null;
    if (writer.name !== reader.name) {
      throw new UndecodableEventError(
        `schema ${id} is not an unmapped webhook (${writer.name ?? 'unnamed'})`,
        {
          schemaId: id,
        },
      );
    }
    try {
      return reader.createResolver(writer);
    } catch (error) {
      throw new UndecodableEventError(`${unmappedTopic} cannot read values written with schema ${id}`, {
        schemaId: id,
        cause: error,
      });
    }
  }

  return {
    async encode(record) {
      validateUnmapped(reader, record);
      const id = await writerSchemaId();
      return { topic: unmappedTopic, value: encodeFramed(reader, { ...record }, id), schemaId: id };
    },

    async decode(value) {
      const id = readSchemaId(value);
      let resolver: Resolver | null;
      try {
        resolver = await resolverFor(id);
      } catch (error) {
        if (error instanceof SchemaNotFoundError) {
          throw new UndecodableEventError(`unknown schema id ${id}`, { schemaId: id, cause: error });
        }
        throw error;
      }
      let decoded: { value: unknown; offset: number };
      try {
        decoded = reader.decode(value, headerBytes, resolver ?? undefined);
      } catch (error) {
        throw new UndecodableEventError(`the Avro body does not match schema ${id}`, {
          schemaId: id,
          cause: error,
        });
      }
      if (decoded.offset !== value.length) {
        throw new UndecodableEventError('the Avro body is truncated or followed by bytes', { schemaId: id });
      }
      const record = { ...(decoded.value as UnmappedWebhook) };
      if (!isUnmappedFamily(record.family)) {
        throw new UndecodableEventError('family is not a route family', { schemaId: id });
      }
      return record;
    },
  };
}

/** Names the first field the schema rejects (never its value), or an unknown family. */
function validateUnmapped(type: Type, record: UnmappedWebhook): void {
  let problem: { path: string[]; type: Type } | undefined;
  const valid = type.isValid(record, {
    noUndeclaredFields: true,
    errorHook: (path: string[], _value: unknown, invalid: Type) => {
      problem ??= { path, type: invalid };
    },
  });
  if (!valid) {
    const field = problem?.path.join('.') ?? '';
    throw new EventValidationError(field, problem ? `must be ${describeType(problem.type)}` : 'is invalid');
  }
  if (!isUnmappedFamily(record.family)) {
    throw new EventValidationError('family', `must be one of ${unmappedFamilies.join(', ')}`);
  }
  if (record.eventId === '' || record.source === '') {
    throw new EventValidationError(record.eventId === '' ? 'eventId' : 'source', 'must not be empty');
  }
}
