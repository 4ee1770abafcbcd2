-- Up Migration
-- One row per (learner, graded resource): the state described by the newest event for that pair. Rows are
-- never deleted: grade.deleted leaves a tombstone (deleted = true), so an older grade.updated that arrives
-- after the deletion (a retry, a redelivery) finds a newer row and changes nothing.
CREATE TABLE grades.gradebook (
  user_id text NOT NULL,
  resource_link_id text NOT NULL,
  context_id text,
  grade_id text,
  score numeric,
  max_score numeric,
  -- Derived, never written: it cannot disagree with score and max_score.
  percentage numeric GENERATED ALWAYS AS (
    CASE WHEN score IS NOT NULL AND max_score > 0 THEN round(score * 100 / max_score, 4) END
  ) STORED,
  grading_progress text,
  comment text,
  deleted boolean NOT NULL DEFAULT false,
  -- The event the row reflects. (last_event_at, last_event_id) orders events; the id compares byte-wise
  -- (COLLATE "C") so the winner of a tie is the same whatever the database's default collation.
  last_event_id text COLLATE "C" NOT NULL,
  last_event_type text NOT NULL,
  last_event_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, resource_link_id)
);

-- GET /grades?userId=..[&contextId=..]: newest first, keyset-paginated on (last_event_at, resource_link_id).
CREATE INDEX gradebook_user_recent_idx
  ON grades.gradebook (user_id, last_event_at DESC, resource_link_id DESC);
CREATE INDEX gradebook_user_context_recent_idx
  ON grades.gradebook (user_id, context_id, last_event_at DESC, resource_link_id DESC);

-- Down Migration
DROP TABLE grades.gradebook;
