-- Up Migration
-- One row per video. Two event families write it, each into its own columns and each under its own order:
-- video.upload.completed fills the upload columns, transcription.completed the transcript columns. A
-- transcription may arrive before its upload (retries reorder events): it creates the row with the upload
-- columns null (a placeholder), and the upload fills them later without touching the transcript.
CREATE TABLE media.videos (
  video_id text PRIMARY KEY,

  -- From the newest video.upload.completed; all null on a placeholder.
  title text,
  duration_seconds double precision,
  content_type text,
  size_bytes bigint,
  url text,
  uploaded_by text,
  metadata jsonb,
  -- The upload event the columns reflect. (event_at, event_id) orders events; the id compares byte-wise
  -- (COLLATE "C") so the winner of a tie is the same whatever the database's default collation.
  upload_event_id text COLLATE "C",
  upload_event_at timestamptz,

  -- From the newest transcription.completed whose transcript was stored; all null until one was.
  transcription_job_id text,
  transcription_confidence double precision,
  transcription_duration_seconds double precision,
  transcript_format text,
  transcript_bytes integer,
  segment_count integer NOT NULL DEFAULT 0,
  -- Where the transcript came from: scheme, host and path only. The query string is never stored: signed
  -- URLs carry their credentials there.
  transcript_source text,
  transcript_fetched_at timestamptz,
  transcription_event_id text COLLATE "C",
  transcription_event_at timestamptz,

  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT videos_upload_event_complete CHECK ((upload_event_id IS NULL) = (upload_event_at IS NULL)),
  CONSTRAINT videos_transcription_event_complete
    CHECK ((transcription_event_id IS NULL) = (transcription_event_at IS NULL)),
  CONSTRAINT videos_transcript_format_known CHECK (transcript_format IN ('webvtt', 'srt', 'text'))
);

-- A transcript, cut into segments: one per cue (WebVTT, SubRip) with its times, or one per paragraph of plain
-- text (no times). A newer transcription replaces all of a video's segments at once.
CREATE TABLE media.transcript_segments (
  video_id text NOT NULL REFERENCES media.videos (video_id) ON DELETE CASCADE,
  -- Position in the transcript, from 0.
  seq integer NOT NULL,
  start_seconds double precision,
  end_seconds double precision,
  -- The cue's voice (<v Name>), when the transcript names one.
  speaker text,
  text text NOT NULL,
  -- English stemming ("divides" finds "division"); generated, so it can never disagree with text.
  search_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
  PRIMARY KEY (video_id, seq)
);

-- GET /search: websearch_to_tsquery('english', q) @@ search_vector.
CREATE INDEX transcript_segments_search_idx ON media.transcript_segments USING GIN (search_vector);

-- Down Migration
DROP TABLE media.transcript_segments;
DROP TABLE media.videos;
