import { serviceTopics, unmappedTopic, type ServiceName } from '@inlet/topics';
import { fullName } from '../avro-schema.js';
import { topicOfEventType } from '../event-topics.js';
import { eventTypes, type EventType } from '../events.js';
import { eventHeaders, headerDescriptions, retryHeaders, traceHeaders } from '../kafka-headers.js';
import { partitionKeyField } from '../partition-key-field.js';
import { latestVersion, type SchemaVersionsByTopic } from '../schema-files.js';

/**
 * The messages of the AsyncAPI document and the schemas they use: each value schema once, embedded as Avro;
 * headers and keys as JSON Schema (they are plain text).
 */

export type JsonObject = Record<string, unknown>;

export const avroSchemaFormat = 'application/vnd.apache.avro;version=1.9.0';

// Every value is Avro binary behind the Confluent framing (magic byte, 4-byte schema id), which the Kafka
// binding states: the schema id is in the payload, Confluent-encoded, looked up by topic name.
const valueEncoding = {
  schemaIdLocation: 'payload',
  schemaIdPayloadEncoding: 'confluent',
  schemaLookupStrategy: 'TopicNameStrategy',
  bindingVersion: '0.5.0',
};

/** The component name of a topic's value schema: the full name of its latest record, e.g. inlet.grades.GradesEvent. */
export function valueSchemaName(topic: string, versions: SchemaVersionsByTopic): string {
  const { schema } = latestVersion(versions, topic);
  return fullName(schema.name, schema.namespace);
}

/** components.schemas: the latest value schema of each topic, as the .avsc file holds it. */
export function valueSchemas(topics: readonly string[], versions: SchemaVersionsByTopic): JsonObject {
  return Object.fromEntries(
    topics.map((topic) => [
      valueSchemaName(topic, versions),
      { schemaFormat: avroSchemaFormat, schema: latestVersion(versions, topic).schema },
    ]),
  );
}

/** The message id of the records that failed on a service's topics: on its retry tiers and its DLQ. */
export function failedMessageId(service: ServiceName): string {
  return `${service}.failed`;
}

export const unmappedMessageId = 'unmapped.webhook';

/** One message per event type: its topic's value schema, its own type header and its key field. */
export function eventMessage(type: EventType, versions: SchemaVersionsByTopic): JsonObject {
  const { record } = eventTypes[type];
  const keyField = partitionKeyField(type, versions);
  return {
    name: type,
    title: type,
    summary: `An event of type ${type}: its data is a ${record} record.`,
    contentType: 'avro/binary',
    headers: headersSchema([...Object.values(eventHeaders), ...traceHeaders], Object.values(eventHeaders), {
      [eventHeaders.eventType]: { const: type },
    }),
    payload: { $ref: `#/components/schemas/${valueSchemaName(topicOfEventType(type), versions)}` },
    bindings: {
      kafka: {
        key: keySchema(keyField ? `data.${keyField}` : 'computed by partitionKey() in @inlet/schemas'),
        ...valueEncoding,
      },
    },
  };
}

/** A record on a retry tier or the DLQ: the main topic's key and value, its headers and the retry headers. */
export function failedMessage(service: ServiceName, versions: SchemaVersionsByTopic): JsonObject {
  const { main } = serviceTopics(service);
  const required = Object.values(retryHeaders).filter(
    (name) => name !== retryHeaders.errorCode && name !== retryHeaders.errorStack,
  );
  return {
    name: failedMessageId(service),
    title: `Failed ${main} record`,
    summary:
      `A record of ${main} that the ${service} service failed to process: the same key, value and headers, ` +
      'plus the retry headers of its latest failure.',
    contentType: 'avro/binary',
    headers: headersSchema(
      [...Object.values(eventHeaders), ...traceHeaders, ...Object.values(retryHeaders)],
      [...Object.values(eventHeaders), ...required],
    ),
    payload: { $ref: `#/components/schemas/${valueSchemaName(main, versions)}` },
    bindings: { kafka: { key: keySchema(`the key it had on ${main}`), ...valueEncoding } },
  };
}

/** An authentic webhook no mapping knew, kept on the unmapped topic. */
export function unmappedMessage(versions: SchemaVersionsByTopic): JsonObject {
  const { schema } = latestVersion(versions, unmappedTopic);
  const headers = [eventHeaders.eventId, eventHeaders.source];
  return {
    name: unmappedMessageId,
    title: 'Unmapped webhook',
    ...(schema.doc ? { summary: schema.doc } : {}),
    contentType: 'avro/binary',
    headers: headersSchema([...headers, ...traceHeaders], headers),
    payload: { $ref: `#/components/schemas/${valueSchemaName(unmappedTopic, versions)}` },
    bindings: { kafka: { key: keySchema('source'), ...valueEncoding } },
  };
}

function keySchema(field: string): JsonObject {
  return { type: 'string', description: `UTF-8 text: ${field}.` };
}

function headersSchema(
  names: readonly string[],
  required: readonly string[],
  refinements: Record<string, JsonObject> = {},
): JsonObject {
  return {
    type: 'object',
    properties: Object.fromEntries(
      names.map((name) => [
        name,
        { type: 'string', description: headerDescriptions[name] ?? '', ...refinements[name] },
      ]),
    ),
    required: [...required],
  };
}
