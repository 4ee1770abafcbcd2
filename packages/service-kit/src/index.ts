export { HttpError, problemSchema, problemTitles, problemType, type Problem } from './problem.js';
export { finiteNumbers } from './finite-numbers.js';
export {
  frameworkProblems,
  problemDetails,
  type CodedError,
  type ProblemDetailsOptions,
} from './problem-details.js';
export { requestLog, type RequestLogOptions } from './request-log.js';
export { createLogger, type LoggerOptions } from './logger.js';
export { databaseCheck, healthRoutes, type CheckResult, type HealthRoutesOptions } from './health-routes.js';
export {
  createHealthReporter,
  defaultHealthThresholds,
  healthThresholdsFromEnv,
  type HealthReport,
  type HealthSample,
  type HealthThresholds,
} from './health-report.js';
export { migrateSchema, type MigrationLogger } from './migrate-schema.js';
export {
  consumerHealthReporter,
  runConsumerService,
  type ConsumerCounters,
  type ConsumerServiceProcess,
  type LifecycleConsumer,
} from './consumer-service.js';
export {
  decodeCursor,
  encodeCursor,
  isCursorInt4,
  isCursorReal,
  isCursorSerial,
  isCursorText,
  isCursorTime,
} from './keyset-cursor.js';
