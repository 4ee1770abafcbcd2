-- Up Migration
-- What each source (a payment, a subscription) grants a user: at most one row per source, recomputed from the
-- source's projection after each of its events. A user's entitlements are these rows grouped by course, so a
-- course granted by two sources stays granted while either is valid, with no shared counter to keep right.
CREATE TABLE payments.entitlement_grants (
  source_kind text NOT NULL CHECK (source_kind IN ('payment', 'subscription')),
  source_id text NOT NULL,
  user_id text NOT NULL,
  -- Null: every course (a subscription that names none).
  course_id text,
  granted_at timestamptz NOT NULL,
  -- Null while nothing ended it; else the grant is valid until then: the payment's full refund, or the
  -- subscription's cancellation (or the end of the period it paid for, when that is later).
  valid_until timestamptz,
  ended_by text CHECK (ended_by IN ('refund', 'cancellation')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source_kind, source_id),
  CHECK ((valid_until IS NULL) = (ended_by IS NULL))
);

-- GET /users/:userId/entitlements: a user's grants by course ('' sorts the all-courses grants first).
CREATE INDEX entitlement_grants_user_course_idx
  ON payments.entitlement_grants (user_id, (coalesce(course_id, '')));

-- Down Migration
DROP TABLE payments.entitlement_grants;
