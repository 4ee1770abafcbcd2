-- Up Migration
-- One row per content item (the sender's contentId, the topic's partition key): the state described by the
-- newest event for it. Rows are never deleted: content.deleted leaves a tombstone (deleted = true, no body), so
-- an older content.updated that arrives after the deletion (a retry, a redelivery) finds a newer row and
-- changes nothing.
CREATE TABLE content.catalog (
  content_id text NOT NULL PRIMARY KEY,
  context_id text,
  content_type text,
  title text,
  url text,
  resource_link_id text,
  -- The body as the sender sent it (HTML or plain text), and the plain text indexed from it: tags, scripts and
  -- comments removed, entities decoded, whitespace collapsed (src/handlers/html-text.ts).
  body text,
  body_text text,
  -- Derived, never written, so it cannot disagree with the text: title words weigh A, body words B. The
  -- configuration is named, not taken from default_text_search_config, so the column is immutable and
  -- src/queries/search.ts parses queries with the same one.
  search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
      || setweight(to_tsvector('english'::regconfig, coalesce(body_text, '')), 'B')
  ) STORED,
  deleted boolean NOT NULL DEFAULT false,
  -- The configured sender of the newest event.
  source text NOT NULL,
  -- The event the row reflects. (last_event_at, last_event_id) orders events; the id compares byte-wise
  -- (COLLATE "C") so the winner of a tie is the same whatever the database's default collation.
  last_event_id text COLLATE "C" NOT NULL,
  last_event_type text NOT NULL,
  last_event_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- GET /contexts/:contextId/content: newest first, keyset-paginated on (last_event_at, content_id).
CREATE INDEX catalog_context_recent_idx
  ON content.catalog (context_id, last_event_at DESC, content_id DESC);

-- GET /search: every search excludes tombstones, so they are left out of the index too.
CREATE INDEX catalog_search_idx ON content.catalog USING gin (search_vector) WHERE NOT deleted;

-- Down Migration
DROP TABLE content.catalog;
