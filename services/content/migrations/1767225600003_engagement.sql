-- Up Migration
-- Engagement counters from user.behavior batches: views, clicks and interactions per element per day and per
-- user per day (UTC days of each interaction's own time). A batch is one event, so the runtime's
-- processed_events applies it exactly once; the counters only ever add, so arrival order does not matter.

CREATE TABLE content.element_daily_engagement (
  element text NOT NULL,
  day date NOT NULL,
  views bigint NOT NULL DEFAULT 0 CHECK (views >= 0),
  clicks bigint NOT NULL DEFAULT 0 CHECK (clicks >= 0),
  interactions bigint NOT NULL DEFAULT 0 CHECK (interactions >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (element, day)
);

CREATE TABLE content.user_daily_engagement (
  user_id text NOT NULL,
  day date NOT NULL,
  views bigint NOT NULL DEFAULT 0 CHECK (views >= 0),
  clicks bigint NOT NULL DEFAULT 0 CHECK (clicks >= 0),
  interactions bigint NOT NULL DEFAULT 0 CHECK (interactions >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, day)
);

-- Down Migration
DROP TABLE content.user_daily_engagement;
DROP TABLE content.element_daily_engagement;
