export * from './events.js';
export type { AvroComplexSchema, AvroField, AvroRecordSchema, AvroSchema } from './avro-schema.js';
export { createEventCodec, type EncodedEvent, type EventCodec, type EventCodecOptions } from './codec.js';
export {
  createUnmappedCodec,
  isUnmappedFamily,
  unmappedFamilies,
  type EncodedUnmapped,
  type UnmappedCodec,
  type UnmappedCodecOptions,
  type UnmappedFamily,
  type UnmappedWebhook,
} from './unmapped.js';
export { EventValidationError, UndecodableEventError } from './errors.js';
export { mainTopicOf, topicOfEventType } from './event-topics.js';
export { fingerprintSchemaId } from './schema-id.js';
export {
  latestVersion,
  loadSchemaVersions,
  schemaVersions,
  schemasDir,
  type SchemaVersion,
  type SchemaVersionsByTopic,
} from './schema-files.js';
export {
  SchemaNotFoundError,
  SchemaRegistryError,
  SchemaRegistryUnavailableError,
  type SchemaRegistry,
  type SchemaRegistryErrorCode,
} from './registry/schema-registry.js';
export { EmbeddedRegistry } from './registry/embedded-registry.js';
export { ConfluentSchemaRegistry, type ConfluentRegistryOptions } from './registry/confluent-registry.js';
export { createRegistry } from './registry/create-registry.js';
export {
  checkCompatibility,
  checkTopicCompatibility,
  enforcedCompatibility,
  type CompatibilityProblem,
} from './compatibility.js';
export { catalogPath, renderCatalog } from './catalog.js';
export { isIdLikeField } from './id-like.js';
export { eventHeaders, headerDescriptions, retryHeaders, traceHeaders } from './kafka-headers.js';
