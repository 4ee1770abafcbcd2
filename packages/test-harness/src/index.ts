export { kafkaBrokers, kafkaConnection, testKafka, uniqueName, createTopics } from './kafka.js';
export { kafkaSecureEnv, secureKafka, type SecureKafka } from './secure-kafka.js';
export { createTestDatabase, defaultDatabaseUrl, redact, type TestDatabase } from './postgres.js';
export { createMigratedDatabase, type MigratedDatabase } from './migrated-database.js';
export { createServiceTopics, readRecords, uniqueServiceTopics, type ReadRecord } from './service-topics.js';
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
export { OffThread } from './off-thread/off-thread.js';
export { useOffThread } from './off-thread/use-off-thread.js';
export {
  cursorOf,
  describeReadApiFuzz,
  expectCursorRefused,
  forgedCursor,
  forgedElement,
  forgedNumber,
  forgedText,
  readApiUrls,
  type ForgedCursorOptions,
  type InjectableApp,
  type ReadApiFuzz,
  type Route,
  type UrlValues,
} from './read-api-fuzz.js';
export { permutations } from './permutations.js';
