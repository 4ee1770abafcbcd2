-- Up Migration
-- The money ledger: one entry per applied payment event, never changed afterwards. Money is bigint in the
-- currency's minor unit (4900 = 49.00 USD) with its ISO 4217 code; there is no float or numeric anywhere.
--
-- `amount` is the entry's effect on the payment's balance: + for the capture, - for a refund's delta, 0 for
-- a failure and for a report that moved no money (a second payment.success of a payment already captured, a
-- refund whose cumulative total is not above what is already recorded). So a payment's balance is
-- SUM(amount) over its entries, and its running balance is that sum in entry_id order.
CREATE TABLE payments.ledger (
  -- Recording order: the ledger is read newest first by this, and the running balance follows it.
  entry_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  payment_id text NOT NULL,
  -- One entry per applied event (the consumer runtime already skips redeliveries; this is the backstop).
  event_id text COLLATE "C" NOT NULL UNIQUE,
  event_type text NOT NULL,
  source_event_name text,
  kind text NOT NULL,
  amount bigint NOT NULL,
  currency text NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
  -- What the event said, kept for audit: its amount, and for refunds the cumulative total refunded so far.
  reported_amount bigint NOT NULL CHECK (reported_amount >= 0),
  reported_amount_refunded bigint CHECK (reported_amount_refunded >= 0),
  user_id text,
  customer_id text,
  course_id text,
  failure_reason text,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT ledger_kind_matches_amount CHECK (
    (kind = 'capture' AND event_type = 'payment.success' AND amount >= 0)
    OR (kind = 'duplicate_capture' AND event_type = 'payment.success' AND amount = 0)
    OR (kind = 'failure' AND event_type = 'payment.failed' AND amount = 0)
    OR (kind = 'refund' AND event_type = 'payment.refunded' AND amount < 0
        AND reported_amount_refunded IS NOT NULL)
    OR (kind = 'duplicate_refund' AND event_type = 'payment.refunded' AND amount = 0
        AND reported_amount_refunded IS NOT NULL)
  )
);

-- Money is captured once per payment, whatever the handler does: a second capture entry cannot exist.
CREATE UNIQUE INDEX ledger_one_capture_per_payment ON payments.ledger (payment_id) WHERE kind = 'capture';
-- A payment's entries in order: its totals, its running balance, and a user's ledger through payments.
CREATE INDEX ledger_payment_idx ON payments.ledger (payment_id, entry_id);

-- Append-only is enforced by the database, not only by the code that writes: UPDATE, DELETE and TRUNCATE
-- of a history table fail. (Dropping the table in a down migration is still possible, on purpose.)
CREATE FUNCTION payments.refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'payments.% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON payments.ledger
  FOR EACH ROW EXECUTE FUNCTION payments.refuse_history_change();
CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON payments.ledger
  FOR EACH STATEMENT EXECUTE FUNCTION payments.refuse_history_change();

-- Down Migration
DROP TABLE payments.ledger;
DROP FUNCTION payments.refuse_history_change();
