-- Up Migration
-- One row per deep link. deep_link.created reports a fact that happens once; a second report of the same link
-- (a re-sent webhook under a new id) keeps the earliest report, whole: its values and its time.
CREATE TABLE content.deep_links (
  link_id text NOT NULL PRIMARY KEY,
  resource_type text NOT NULL CHECK (resource_type IN ('assessment', 'content', 'activity')),
  context_id text NOT NULL,
  created_by text NOT NULL,
  -- The sender's configuration object, parsed: queryable with the jsonb operators.
  configuration jsonb NOT NULL CHECK (jsonb_typeof(configuration) = 'object'),
  source text NOT NULL,
  -- When the link was created (the report's occurredAt), and the report the row holds; ties on time go to the
  -- smaller id (byte-wise).
  created_at timestamptz NOT NULL,
  event_id text COLLATE "C" NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX deep_links_context_idx ON content.deep_links (context_id, created_at DESC, link_id DESC);

-- Down Migration
DROP TABLE content.deep_links;
