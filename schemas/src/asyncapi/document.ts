import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serviceNames, serviceTopics, unmappedTopic } from '@inlet/topics';
import { eventTypes, type EventType } from '../events.js';
import { schemaVersions, type SchemaVersionsByTopic } from '../schema-files.js';
import { serviceChannels, serviceOperations, unmappedChannel, unmappedOperations } from './channels.js';
import {
  eventMessage,
  failedMessage,
  failedMessageId,
  unmappedMessage,
  unmappedMessageId,
  valueSchemas,
  type JsonObject,
} from './messages.js';

/** Where the generated document lives: schemas/asyncapi.json. */
export const asyncApiPath: string = fileURLToPath(new URL('../../asyncapi.json', import.meta.url));

const packageVersion = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * Inlet's Kafka API as an AsyncAPI 3.1 document, from the topic declaration (@inlet/topics) and the Avro
 * schemas, so it cannot drift from them (a test compares schemas/asyncapi.json with this and validates it with
 * the official parser).
 */
export function buildAsyncApiDocument(versions: SchemaVersionsByTopic = schemaVersions()): JsonObject {
  const mainTopics = serviceNames.map((service) => serviceTopics(service).main);
  return {
    asyncapi: '3.1.0',
    info: {
      title: 'Inlet events',
      version: packageVersion,
      description:
        'The Kafka topics of Inlet: the canonical events the ingress produces, the retry tiers and dead-letter ' +
        'topic of each consumer service, and the unmapped webhooks. Generated from packages/topics and ' +
        'schemas/avro by `npm run generate --workspace @inlet/schemas`; do not edit. Values are Avro in the ' +
        'Confluent wire format (magic byte 0, 4-byte big-endian schema id, Avro binary); keys and headers are ' +
        'UTF-8 text. Field-by-field tables: schemas/CATALOG.md.',
    },
    servers: {
      kafka: {
        host: '{brokers}',
        protocol: 'kafka',
        description: 'The Kafka cluster every Inlet process reaches through KAFKA_BROKERS.',
        variables: { brokers: { description: 'KAFKA_BROKERS: comma-separated host:port of the brokers.' } },
      },
    },
    channels: {
      ...Object.assign({}, ...serviceNames.map((service) => serviceChannels(service, versions))),
      ...unmappedChannel(versions),
    },
    operations: {
      ...Object.assign({}, ...serviceNames.map((service) => serviceOperations(service))),
      ...unmappedOperations(),
    },
    components: {
      schemas: valueSchemas([...mainTopics, unmappedTopic], versions),
      messages: {
        ...Object.fromEntries(
          (Object.keys(eventTypes) as EventType[]).map((type) => [type, eventMessage(type, versions)]),
        ),
        ...Object.fromEntries(
          serviceNames.map((service) => [failedMessageId(service), failedMessage(service, versions)]),
        ),
        [unmappedMessageId]: unmappedMessage(versions),
      },
    },
  };
}

/** The document as the file holds it, before prettier. */
export function renderAsyncApi(versions?: SchemaVersionsByTopic): string {
  return `${JSON.stringify(buildAsyncApiDocument(versions), null, 2)}\n`;
}
