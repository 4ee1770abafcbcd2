// Test suites and fixtures for consumer services built with defineConsumerService. Only the sources export
// this (the @inlet/source condition tests run with); images never ship it.
export {
  startConsumerUnderTest,
  type ConsumerUnderTest,
  type ConsumerUnderTestOptions,
} from './consumer-under-test.js';
export { useConsumerUnderTest, type ConsumerInSuite } from './use-consumer-under-test.js';
export { describeServiceConfig } from './describe-service-config.js';
export { itServesMetricsAndHealth } from './consumer-process-checks.js';
export { describeReadApiOperations, type ServiceUnderTest } from './describe-read-api-operations.js';
export { describeServiceMigrations, type MigrationsSuite } from './describe-service-migrations.js';
export { createEventApplier, type EventApplier } from './event-applier.js';
export { inTransaction } from './in-transaction.js';
export { readAllPages, type Page } from './read-all-pages.js';
export { describeCursors, type CursorsSuite } from './describe-cursors.js';
export { describeServiceReadApiFuzz, type ServiceReadApiFuzz } from './describe-read-api-fuzz.js';
export { useMigratedDatabase, type MigratedStore } from './use-migrated-database.js';
export { secondsAfter, testEnvelope, type EnvelopeOverrides } from './test-events.js';
export { expectProblem, type ExpectedProblem } from './expect-problem.js';
export { useReadApi, type ReadApiInSuite } from './use-read-api.js';
export { itHandlesEveryEventTypeOf } from './handled-event-types.js';
