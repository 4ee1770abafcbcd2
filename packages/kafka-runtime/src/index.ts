export {
  BatchingProducer,
  defaultBatchingOptions,
  type BatchingProducerOptions,
  type OutgoingRecord,
} from './batching-producer.js';
export {
  brokersFromEnv,
  createKafkaClient,
  type KafkaClientOptions,
  type RuntimeLogger,
} from './kafka-client.js';
export { watchKafkaConnectivity, type KafkaConnectivity } from './connectivity.js';
export { ProduceError, type KafkaRuntimeErrorCode } from './errors.js';
export {
  PermanentError,
  retryHeaders,
  type EventHandler,
  type EventHandlers,
  type HandlerContext,
  type HandlerLogger,
} from './consumer/types.js';
export {
  createServiceConsumer,
  type ConsumerStatus,
  type ServiceConsumer,
  type ServiceConsumerOptions,
} from './consumer/service-consumer.js';
export type { MembershipStatus } from './consumer/group-membership.js';
export { processedEventsTableSql } from './consumer/idempotency.js';
export type {
  MessageOutcome,
  MessageResult,
  ProcessInterceptor,
  ProcessedMessageInfo,
} from './consumer/interceptor.js';
export { tracingInterceptor } from './consumer/tracing.js';
export type { EventDecoder } from './consumer/message-processor.js';
export { ConsumerError, type ConsumerErrorCode } from './consumer/consumer-errors.js';
export { nextRoute, type Route } from './consumer/retry-router.js';
