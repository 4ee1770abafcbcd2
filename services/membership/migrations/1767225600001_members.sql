-- Up Migration
-- Every membership event applied, one row each, never updated or deleted: the history a membership is
-- derived from. src/handlers/membership.ts folds a member's events in (occurred_at, event_id) order into
-- membership.members, so the member row is a function of the SET of events applied, whatever order they
-- arrived in. Ids compare byte-wise (COLLATE "C"): ties and pages are the same whatever the database's
-- default collation.
CREATE TABLE membership.member_events (
  context_id text COLLATE "C" NOT NULL,
  user_id text COLLATE "C" NOT NULL,
  occurred_at timestamptz NOT NULL,
  event_id text COLLATE "C" NOT NULL,
  event_type text NOT NULL,
  source text NOT NULL,
  source_event_name text,
  -- What the event said, as the sender said it: roles (empty when it named none), status, order id.
  roles text[] NOT NULL,
  status text,
  order_id text,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  -- A member's events in fold order: the handler reads them all back through this key.
  PRIMARY KEY (context_id, user_id, occurred_at, event_id)
);

-- One row per (course, user): the membership as the fold of its events says it is now. Rows are never
-- deleted: member.removed sets status 'removed', and a later member.added or course.enrolled re-activates.
CREATE TABLE membership.members (
  context_id text COLLATE "C" NOT NULL,
  user_id text COLLATE "C" NOT NULL,
  -- As the sender gave them (LTI role URIs, Canvas enrollment types, Moodle shortnames or role ids) ...
  roles text[] NOT NULL,
  -- ... and normalized (src/membership/roles.ts), distinct, in a fixed order.
  normalized_roles text[] NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'inactive', 'invited', 'completed', 'removed')),
  -- The newest status the sender stated (Canvas workflow_state ...), unnormalized; null when none did.
  sender_status text,
  -- When the current (or, once removed, the last) membership began; null when a removal is all we know.
  enrolled_at timestamptz,
  -- When the member was removed; null while a member.
  removed_at timestamptz,
  -- The order of the newest course.enrolled that named one.
  order_id text,
  -- The newest event in the fold.
  last_event_id text COLLATE "C" NOT NULL,
  last_event_type text NOT NULL,
  last_event_at timestamptz NOT NULL,
  last_event_source text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- GET /contexts/:contextId/members walks this key (keyset on user_id).
  PRIMARY KEY (context_id, user_id)
);

-- GET /users/:userId/contexts: a user's memberships, keyset on context_id.
CREATE INDEX members_user_context_idx ON membership.members (user_id, context_id);

-- Down Migration
DROP TABLE membership.members;
DROP TABLE membership.member_events;
