-- Up Migration
-- One row per payment: a projection of its ledger entries, recomputed from them after every entry
-- (src/handlers/payment-projection.ts), so it can never disagree with the ledger. Nothing here is money that
-- the ledger does not hold: captured, refunded and balance are sums of entries.
CREATE TABLE payments.payments (
  payment_id text PRIMARY KEY,
  -- Each the newest non-null value any of the payment's events carried (by occurredAt, then eventId).
  user_id text,
  customer_id text,
  course_id text,
  failure_reason text,
  currency text NOT NULL,
  -- The payment's amount: the capture's, else the newest reported.
  amount bigint NOT NULL,
  captured bigint NOT NULL,
  refunded bigint NOT NULL,
  balance bigint GENERATED ALWAYS AS (captured - refunded) STORED,
  status text NOT NULL CHECK (
    status IN ('succeeded', 'partially_refunded', 'refunded', 'failed', 'awaiting_capture')
  ),
  -- The earliest payment.success report's time; the earliest refund report that made the refund full.
  captured_at timestamptz,
  refunded_at timestamptz,
  first_event_at timestamptz NOT NULL,
  last_event_at timestamptz NOT NULL,
  entries integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- GET /users/:userId/ledger finds a user's payments here, so an entry recorded before its payment named the
-- user still shows in that user's ledger once any event of the payment does.
CREATE INDEX payments_user_idx ON payments.payments (user_id);

-- Down Migration
DROP TABLE payments.payments;
