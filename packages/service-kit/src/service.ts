// `@inlet/service-kit/service`: what every Inlet service process is made of (problem+json answers, request
// logs, health, the process lifecycle), without the consumer services' parts. The ingress imports this alone,
// so it does not load PostgreSQL's driver, the migration tool and the Kafka consumer it never uses.
export { HttpError, problemSchema, problemTitles, problemType, type Problem } from './problem.js';
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
export { runService, type BackgroundWorker, type ServiceProcess } from './lifecycle.js';
