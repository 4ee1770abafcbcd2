import type { Resolver, Type } from 'avsc';
import { unmappedTopic } from '@inlet/topics';
import type { AvroSchema } from './avro-schema.js';
import { avroType } from './avro-types.js';
import { UndecodableEventError } from './errors.js';
import { mainTopicOf, topicOfEventType } from './event-topics.js';
import type { InletEvent } from './events.js';
import { SchemaNotFoundError, type SchemaRegistry } from './registry/schema-registry.js';
import { latestVersion, schemaVersions, type SchemaVersionsByTopic } from './schema-files.js';
import { TopicSchema } from './topic-schema.js';
import { eventTypeOf } from './validate-event.js';
import { encodeFramed, headerBytes, readSchemaId } from './wire-format.js';

export interface EventCodecOptions {
  registry: SchemaRegistry;
  /** The schema versions to write and read with; the ones in avro/ unless a test brings its own. */
  versions?: SchemaVersionsByTopic;
}

export interface EncodedEvent {
  /** The domain topic of the event's type. */
  topic: string;
  /** Confluent wire format: 0, the schema id (4 bytes, big-endian), the Avro body. */
  value: Buffer;
  schemaId: number;
}

export interface EventCodec {
  /** Validates and encodes with the topic's latest schema; rejects with EventValidationError when invalid. */
  encode(event: InletEvent): Promise<EncodedEvent>;
  /**
   * Reads a value written with any known schema version into the InletEvent shape of the latest one. `topic`
   * (a main, retry or DLQ topic) picks the reader schema; without it the writer schema's name does. Rejects
   * with UndecodableEventError for values that can never be read; registry outages reject with a retryable
   * SchemaRegistryError instead.
   */
  decode(value: Buffer, topic?: string): Promise<InletEvent>;
}

interface Writer {
  schema: TopicSchema;
  schemaId: Promise<number>;
}

/** A reader schema with the resolver for one writer schema (null when the writer is the reader), or why not. */
type Reading = { reader: TopicSchema; resolver: Resolver | null } | { failure: string; cause?: unknown };

export function createEventCodec({ registry, versions = schemaVersions() }: EventCodecOptions): EventCodec {
  const writers = new Map<string, Writer>();
  const readers = new Map<string, TopicSchema>();
  const topicByValueName = new Map<string, string>();
  for (const [topic, topicVersions] of versions) {
    if (!isEventTopic(topic)) continue;
    for (const { schema } of topicVersions) topicByValueName.set(avroType(schema).name ?? '', topic);
  }
  const writerTypes = new Map<number, Promise<Type>>();
  const readings = new Map<string, Reading>();

  function readerFor(topic: string): TopicSchema | undefined {
    let reader = readers.get(topic);
    if (!reader && versions.has(topic) && isEventTopic(topic)) {
      reader = new TopicSchema(latestVersion(versions, topic));
      readers.set(topic, reader);
    }
    return reader;
  }

  function writerFor(topic: string): Writer {
    let writer = writers.get(topic);
    if (!writer) {
      const schema = readerFor(topic);
      if (!schema) throw new Error(`no Avro schema for topic ${topic}`);
      const created: Writer = { schema, schemaId: registry.idFor(topic, schema.version.schema) };
      // A registry outage must not poison the cache: the next encode asks again.
      created.schemaId.catch(() => writers.delete(topic));
      writers.set(topic, created);
      writer = created;
    }
    return writer;
  }

  function writerType(schemaId: number): Promise<Type> {
    let type = writerTypes.get(schemaId);
    if (!type) {
      type = registry.schemaById(schemaId).then((schema: AvroSchema) => avroType(schema));
      writerTypes.set(schemaId, type);
      type.catch(() => writerTypes.delete(schemaId));
    }
    return type;
  }

  function readingFor(writer: Type, schemaId: number, topic: string | undefined) {
    const readerTopic = (topic ? mainTopicOf(topic) : undefined) ?? topicByValueName.get(writer.name ?? '');
    const key = `${readerTopic}:${schemaId}`;
    let reading = readings.get(key);
    if (!reading) {
      reading = createReading(writer, schemaId, readerTopic);
      readings.set(key, reading);
    }
    if ('failure' in reading) {
      throw new UndecodableEventError(reading.failure, { schemaId, cause: reading.cause });
    }
    return reading;
  }

  function createReading(writer: Type, schemaId: number, readerTopic: string | undefined): Reading {
    const reader = readerTopic === undefined ? undefined : readerFor(readerTopic);
    if (!reader) return { failure: `no reader schema for values written as ${writer.name}` };
    if (reader.type.equals(writer)) return { reader, resolver: null };
    try {
      return { reader, resolver: reader.type.createResolver(writer) };
    } catch (error) {
      return {
        failure: `${reader.topic} v${reader.version.version} cannot read values written with schema ${schemaId}`,
        cause: error,
      };
    }
  }

  return {
    async encode(event) {
      const topic = topicOfEventType(eventTypeOf(event));
      const writer = writerFor(topic);
      const avroValue = writer.schema.toAvroValue(event);
      const schemaId = await writer.schemaId;
      return { topic, value: encodeFramed(writer.schema.type, avroValue, schemaId), schemaId };
    },

    async decode(value, topic) {
      const schemaId = readSchemaId(value);
      let writer: Type;
      try {
        writer = await writerType(schemaId);
      } catch (error) {
        if (error instanceof SchemaNotFoundError) {
          throw new UndecodableEventError(`unknown schema id ${schemaId}`, { schemaId, cause: error });
        }
        throw error;
      }
      const { reader, resolver } = readingFor(writer, schemaId, topic);
      let decoded: { value: unknown; offset: number };
      try {
        decoded = reader.type.decode(value, headerBytes, resolver ?? undefined);
      } catch (error) {
        throw new UndecodableEventError(`the Avro body does not match schema ${schemaId}`, {
          schemaId,
          cause: error,
        });
      }
      if (decoded.offset < 0) throw new UndecodableEventError('the Avro body is truncated', { schemaId });
      if (decoded.offset !== value.length) {
        throw new UndecodableEventError('bytes follow the Avro body', { schemaId });
      }
      return reader.fromAvroValue(decoded.value as Record<string, unknown>, schemaId);
    },
  };
}

/** Topics whose values are InletEvents: all with a schema in avro/ but the unmapped topic (unmapped.ts). */
function isEventTopic(topic: string): boolean {
  return topic !== unmappedTopic;
}
