import { Type, type Static } from 'typebox';
import { IdText, Nullable, Page, Timestamp, pageFields, pageQueryFields } from '@inlet/service-kit';

// The read API's contract. Fastify validates requests and serializes answers with these schemas, so a field not
// listed here never leaves the service; the answers' TypeScript types are derived from them.
// Every answer field is always present (null when unknown): clients never test for a missing key.

export const maxTranscriptPageSize = 500;
export const maxSearchPageSize = 100;

export const TranscriptStatus = Type.Object({
  /** 'pending' until a transcript was fetched and stored (a dead-lettered one leaves it pending). */
  status: Type.Enum(['pending', 'transcribed'], { type: 'string' }),
  segmentCount: Type.Integer(),
  jobId: Nullable(Type.String()),
  confidence: Nullable(Type.Number()),
  durationSeconds: Nullable(Type.Number()),
  format: Type.Unsafe<'webvtt' | 'srt' | 'text' | null>({
    type: ['string', 'null'],
    enum: ['webvtt', 'srt', 'text', null],
  }),
  bytes: Nullable(Type.Integer()),
  /** Scheme, host and path it was fetched from (never the query string). */
  source: Nullable(Type.String()),
  /** The transcription event's occurredAt. */
  transcribedAt: Nullable(Timestamp),
  fetchedAt: Nullable(Timestamp),
});
export type TranscriptStatus = Static<typeof TranscriptStatus>;

/** A video as GET /videos/:videoId answers it. */
export const Video = Type.Object({
  videoId: Type.String(),
  /** False for a placeholder: a transcription arrived, its video.upload.completed has not (yet). */
  uploaded: Type.Boolean(),
  title: Nullable(Type.String()),
  durationSeconds: Nullable(Type.Number()),
  contentType: Nullable(Type.String()),
  sizeBytes: Nullable(Type.Integer()),
  url: Nullable(Type.String()),
  uploadedBy: Nullable(Type.String()),
  /** Whatever JSON the uploader sent as its other metadata; null when it sent none. */
  metadata: Type.Unknown(),
  /** The newest upload event's occurredAt. */
  uploadedAt: Nullable(Timestamp),
  transcript: TranscriptStatus,
  updatedAt: Timestamp,
});
export type Video = Static<typeof Video>;

const segmentProperties = {
  /** Position in the transcript, from 0. */
  seq: Type.Integer(),
  startSeconds: Nullable(Type.Number()),
  endSeconds: Nullable(Type.Number()),
  speaker: Nullable(Type.String()),
  text: Type.String(),
};

export const Segment = Type.Object(segmentProperties);
export type Segment = Static<typeof Segment>;

export const TranscriptPage = Type.Object({
  videoId: Type.String(),
  segmentCount: Type.Integer(),
  ...pageFields(Segment),
});
export type TranscriptPage = Static<typeof TranscriptPage>;

export const SearchHit = Type.Object({
  videoId: Type.String(),
  /** The video's title; null while only its transcription is known. */
  title: Nullable(Type.String()),
  ...segmentProperties,
  /** The segment's text, HTML-escaped, with the matching words in <mark>…</mark>: safe to render as HTML. */
  snippet: Type.String(),
  /** ts_rank_cd: higher is more relevant; comparable within one answer only. */
  rank: Type.Number(),
});
export type SearchHit = Static<typeof SearchHit>;

export const SearchPage = Page(SearchHit);
export type SearchPage = Static<typeof SearchPage>;

export const VideoParams = Type.Object({ videoId: IdText() });

export const TranscriptQuery = Type.Object(pageQueryFields(maxTranscriptPageSize, 100));

export const SearchQuery = Type.Object({
  // Web-search syntax: words, "a phrase", or, -word. Bounded: it becomes a tsquery. At least one character that
  // is not whitespace, and no U+0000 (PostgreSQL text cannot hold it).
  q: Type.String({ minLength: 1, maxLength: 500, pattern: '^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$' }),
  videoId: Type.Optional(IdText()),
  ...pageQueryFields(maxSearchPageSize, 20),
});
