-- Up Migration
-- Every applied subscription event, append-only like the ledger: the subscription's state is recomputed from
-- all of them (src/handlers/subscription-projection.ts), so the arrival order never changes the outcome.
CREATE TABLE payments.subscription_events (
  event_id text COLLATE "C" PRIMARY KEY,
  subscription_id text NOT NULL,
  event_type text NOT NULL CHECK (event_type IN ('subscription.created', 'subscription.cancelled')),
  source_event_name text,
  user_id text,
  customer_id text,
  plan_id text,
  provider_status text,
  course_id text,
  current_period_end timestamptz,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscription_events_subscription_idx ON payments.subscription_events (subscription_id);

CREATE TRIGGER subscription_events_append_only BEFORE UPDATE OR DELETE ON payments.subscription_events
  FOR EACH ROW EXECUTE FUNCTION payments.refuse_history_change();
CREATE TRIGGER subscription_events_no_truncate BEFORE TRUNCATE ON payments.subscription_events
  FOR EACH STATEMENT EXECUTE FUNCTION payments.refuse_history_change();

-- One row per subscription, the projection of its events.
CREATE TABLE payments.subscriptions (
  subscription_id text PRIMARY KEY,
  -- Each the newest non-null value any of its events carried (by occurredAt, then eventId).
  user_id text,
  customer_id text,
  plan_id text,
  -- Null: the subscription gives access to every course (an all-access plan).
  course_id text,
  provider_status text,
  current_period_end timestamptz,
  -- cancelled as soon as any cancellation is known, whatever arrived before or after it: a cancelled
  -- subscription id is never reactivated.
  status text NOT NULL CHECK (status IN ('active', 'cancelled')),
  -- The earliest subscription.created, else the earliest event.
  started_at timestamptz NOT NULL,
  -- The earliest cancellation's time, and when its access ends: the later of that time and the
  -- cancellation's own currentPeriodEnd (the period already paid for).
  cancelled_at timestamptz,
  access_until timestamptz,
  first_event_at timestamptz NOT NULL,
  last_event_at timestamptz NOT NULL,
  events integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
  CHECK ((cancelled_at IS NULL) = (access_until IS NULL))
);
CREATE INDEX subscriptions_user_idx ON payments.subscriptions (user_id);

-- Down Migration
DROP TABLE payments.subscriptions;
DROP TABLE payments.subscription_events;
