-- Up Migration
-- The consumer runtime deletes processed ids older than their retention (PROCESSED_EVENTS_RETENTION_DAYS,
-- packages/kafka-runtime/README.md) in small batches; this index lets each batch find the oldest rows without
-- reading the whole table. It is the index processedEventsTableSql('grades.processed_events') creates. Migrations
-- run in one transaction, so it is built without CONCURRENTLY: writes to the table wait while it builds.
CREATE INDEX processed_events_processed_at_idx ON grades.processed_events (processed_at);

-- Down Migration
DROP INDEX grades.processed_events_processed_at_idx;
