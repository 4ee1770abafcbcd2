export {
  BatchingProducer,
  defaultBatchingOptions,
  type BatchingProducerOptions,
  type OutgoingRecord,
} from './batching-producer.js';
// The PRODUCER span whose trace context a record carries to its consumer.
export { withProducerSpan, type TracedRecord } from './producer/tracing.js';
export { createKafkaClient, type KafkaClientOptions, type RuntimeLogger } from './kafka-client.js';
// The connection settings every client is built from, re-exported so a service needs one import for Kafka.
export {
  KafkaSettingsError,
  describeKafkaConnection,
  explainKafkaConnectError,
  kafkaClientConfig,
  loadKafkaConnection,
  type KafkaConnection,
} from '@inlet/kafka-connection';
export { watchKafkaConnectivity, type KafkaConnectivity } from './connectivity.js';
export { ProduceError, type KafkaRuntimeErrorCode } from './errors.js';
export {
  PermanentError,
  retryHeaders,
  isBatchHandler,
  type AnyEventHandler,
  type BatchContext,
  type BatchEventHandler,
  type EventHandler,
  type EventHandlers,
  type HandlerContext,
  type HandlerLogger,
} from './consumer/types.js';
export { defaultConcurrency, defaultMaxTransactionEvents } from './consumer/service-consumer-options.js';
export {
  createServiceConsumer,
  type ConsumerStatus,
  type ServiceConsumer,
  type ServiceConsumerOptions,
} from './consumer/service-consumer.js';
export type { MembershipStatus } from './consumer/group-membership.js';
export { processedEventsTableSql, type ProcessedRecord } from './consumer/idempotency.js';
export { applyBatch, type ItemResult, type TransactionItem } from './consumer/batch-transaction.js';
export {
  defaultProcessedRetentionDays,
  longestTopicRetention,
  minimumProcessedRetentionDays,
  processedRetentionVariable,
  replayWindowMs,
  resolveProcessedRetentionDays,
  type TopicRetention,
} from './consumer/processed-retention.js';
export {
  ProcessedEventsCleanup,
  type CleanupPass,
  type ProcessedEventsCleanupOptions,
} from './consumer/processed-events-cleanup.js';
export {
  noTracing,
  type MessageOutcome,
  type MessageResult,
  type MessageTrace,
  type MessageTracing,
  type ProcessedMessageInfo,
} from './consumer/message-info.js';
export { consumerTracing } from './consumer/tracing.js';
export type { EventDecoder } from './consumer/batch-processor.js';
export { ConsumerError, type ConsumerErrorCode } from './consumer/consumer-errors.js';
export { nextRoute, type Route } from './consumer/retry-router.js';
