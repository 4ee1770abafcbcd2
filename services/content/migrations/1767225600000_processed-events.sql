-- Up Migration
-- The consumer runtime records every applied event here, in the same transaction as its effect, so a
-- redelivered event is skipped (duplicates are harmless: docs/ARCHITECTURE.md). The columns are the runtime's
-- processedEventsTableSql('content.processed_events'); a test keeps the two in step. The DDL is written out
-- rather than generated because an applied migration must never change.
CREATE TABLE content.processed_events (
  event_id text PRIMARY KEY,
  event_type text NOT NULL,
  topic text NOT NULL,
  partition integer NOT NULL,
  "offset" bigint NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE content.processed_events;
