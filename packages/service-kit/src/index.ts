// Everything a service process is made of (./service.ts, which the ingress imports alone), and below it what
// the consumer services add: PostgreSQL, migrations, read APIs and the consumer service's definition.
export * from './service.js';
export {
  CursorText,
  IdText,
  Nullable,
  Page,
  ProblemResponse,
  Timestamp,
  lastEventFields,
  pageFields,
  pageQueryFields,
} from './read-api-schemas.js';
export { keysetPage, type KeysetPage } from './keyset-page.js';
export { notFound, visibleOr404, type TombstoneRow } from './not-found.js';
export { finiteNumbers } from './finite-numbers.js';
export { migrateSchema, type MigrationLogger } from './migrate-schema.js';
export {
  decodeCursor,
  encodeCursor,
  isCursorInt4,
  isCursorReal,
  isCursorSerial,
  isCursorText,
  isCursorTime,
  keysetCursor,
  type CursorInput,
  type CursorKind,
  type CursorOf,
  type KeysetCursor,
} from './keyset-cursor.js';
// A consumer service defined in one call (defineConsumerService) and run by main.ts (runConsumerService).
export { consumerHealthReporter, type ConsumerCounters } from './consumer-service/consumer-health.js';
export {
  defineConsumerService,
  type ConsumerOptions,
  type ConsumerService,
  type ConsumerServiceDefinition,
  type OpenContext,
  type Opened,
} from './consumer-service/define-consumer-service.js';
export { runConsumerService, type TelemetryHandle } from './consumer-service/run-consumer-service.js';
export {
  buildServiceApp,
  type ConsumerHealth,
  type ReadRoutes,
  type ServiceAppOptions,
} from './consumer-service/service-app.js';
export {
  defaultDatabaseUrl,
  loadServiceConfig,
  serviceConfigSchema,
  sharedSettings,
  type ServiceConfig,
  type ServiceConfigSchema,
} from './consumer-service/service-config.js';
export { createPool, type PoolOptions, type Queryable } from './consumer-service/pool.js';
export {
  createServiceMetrics,
  type MetricsScope,
  type ServiceMetrics,
} from './consumer-service/service-metrics.js';
// What a consumer service's handlers are given, and the SQL an upsert would otherwise state twice.
export {
  sameHandlerFor,
  type PerEventHandlers,
  type ServiceBatchHandler,
  type ServiceHandler,
  type ServiceHandlers,
  type TransactionContext,
} from './service-handlers.js';
export { columnNames, excludedAssignments } from './sql/upsert.js';
export {
  jsonObject,
  jsonTime,
  lastEventColumns,
  selectList,
  withDates,
  type SelectColumns,
  type WithEpochMs,
} from './sql/select-list.js';
export { commonNamedEntities } from './html-entities.js';
