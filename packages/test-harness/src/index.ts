export { kafkaBrokers, testKafka, uniqueName, createTopics } from './kafka.js';
export { createTestDatabase, defaultDatabaseUrl, redact, type TestDatabase } from './postgres.js';
export { createTestRedis, defaultRedisUrl, type TestRedis } from './redis.js';
export { waitFor } from './wait.js';
export {
  closedPort,
  describeConsumerServiceProcess,
  spawnService,
  type ConsumerServiceProcessSuite,
  type SpawnedService,
} from './service-process.js';
export { ancestorsOf, startOtlpReceiver, type ExpectedSpan, type ReceivedSpan } from './otlp-receiver.js';
