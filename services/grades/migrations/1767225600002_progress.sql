-- Up Migration
-- A learner's progress: facts that happened once. Reporting one again (another sender, a re-sent webhook
-- with a new id) keeps the earliest time; each row holds one report's values (src/handlers/progress.ts).
-- Every read is per learner, so each primary key starts with user_id and serves GET /progress/:userId.

CREATE TABLE grades.module_completions (
  user_id text NOT NULL,
  module_id text NOT NULL,
  context_id text,
  completed_at timestamptz NOT NULL,
  -- The earliest report, whose values the row holds; ties on time go to the smaller id.
  event_id text COLLATE "C" NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, module_id)
);

CREATE TABLE grades.course_completions (
  user_id text NOT NULL,
  context_id text NOT NULL,
  completed_at timestamptz NOT NULL,
  event_id text COLLATE "C" NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, context_id)
);

-- One row per submission. submission_key names it: "submission:<sender's id>" when the sender has one,
-- else "attempt:<n>", else "event:<eventId>" (a report with neither is a submission of its own).
CREATE TABLE grades.assessment_submissions (
  user_id text NOT NULL,
  assessment_id text NOT NULL,
  submission_key text NOT NULL,
  submission_id text,
  context_id text,
  score numeric,
  max_score numeric,
  attempt integer,
  submitted_at timestamptz NOT NULL,
  -- The newest report, whose values (score, attempt, course) the row holds: a submission may be reported
  -- again once graded. submitted_at stays the earliest report's time.
  last_event_id text COLLATE "C" NOT NULL,
  last_event_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, assessment_id, submission_key)
);

-- Down Migration
DROP TABLE grades.assessment_submissions;
DROP TABLE grades.course_completions;
DROP TABLE grades.module_completions;
