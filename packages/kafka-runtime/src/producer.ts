// `@inlet/kafka-runtime/producer`: the Kafka client, the batching producer and its PRODUCER span, without the
// consumer runtime. The ingress imports this alone, so it does not load the consumer, its PostgreSQL
// transactions and its retry routing.
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
