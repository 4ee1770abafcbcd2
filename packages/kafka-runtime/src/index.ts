// The producer side (./producer.ts, which the ingress imports alone), then the consumer runtime.
export * from './producer.js';
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
