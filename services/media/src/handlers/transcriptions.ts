import { excludedAssignments, type ServiceHandler, type TransactionContext } from '@inlet/service-kit';
import type { FetchedTranscript } from '../transcripts/fetch-transcript.js';
import { parseTranscript } from '../transcripts/parse.js';
import type { TranscriptSegment } from '../transcripts/segment.js';
import type { OnStale } from './types.js';
import { nonNegative, within } from './values.js';

/** Fetches a transcript; rejects with a TranscriptFetchError whose class says retry (or not). */
export type FetchTranscript = (url: string) => Promise<FetchedTranscript>;

/** True when the video already reflects a transcription at least as new as ($2, $3): nothing to fetch. */
const hasNewerTranscription = `
SELECT (transcription_event_at, transcription_event_id) >= ($2::timestamptz, $3::text COLLATE "C") AS newer
  FROM media.videos
 WHERE video_id = $1 AND transcription_event_id IS NOT NULL`;

// The transcript's columns of a video (its key is video_id): the ones the INSERT and the UPDATE write.
const transcriptionColumns = `transcription_job_id, transcription_confidence, transcription_duration_seconds,
  transcript_format, transcript_bytes, segment_count, transcript_source, transcript_fetched_at,
  transcription_event_id, transcription_event_at`;

/**
 * Sets the transcript columns, creating a placeholder video (upload columns null) when the upload has not
 * arrived yet. Under the same order as uploads: applied only when newer than the transcription the row
 * reflects. The row lock this takes also serializes two transcriptions of one video handled at once.
 */
const applyTranscription = `
INSERT INTO media.videos AS stored (video_id, ${transcriptionColumns})
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), $9, $10)
ON CONFLICT (video_id) DO UPDATE SET
  ${excludedAssignments(transcriptionColumns)},
  updated_at = now()
WHERE stored.transcription_event_id IS NULL
   OR (stored.transcription_event_at, stored.transcription_event_id)
      < (excluded.transcription_event_at, excluded.transcription_event_id)`;

const insertSegments = `
INSERT INTO media.transcript_segments (video_id, seq, start_seconds, end_seconds, speaker, text)
SELECT $1, seq - 1, start_seconds, end_seconds, speaker, text
  FROM unnest($2::float8[], $3::float8[], $4::text[], $5::text[])
       WITH ORDINALITY AS s(start_seconds, end_seconds, speaker, text, seq)`;

/**
 * transcription.completed: fetches the transcript (transcripts/fetch-transcript.ts: allowlist, SSRF guard,
 * timeout, size cap), cuts it into segments and stores them in place of the video's previous transcript.
 *
 * An older transcription than the one stored is skipped before any fetch (a stale event must not reach the
 * network, nor be dead-lettered because its URL has expired since). The fetch happens inside the runtime's
 * transaction, which TRANSCRIPT_TIMEOUT_MS bounds; a failed fetch throws and nothing is written.
 */
export function transcriptionHandler(
  fetchTranscript: FetchTranscript,
  onStale: OnStale,
): ServiceHandler<'transcription.completed'> {
  return async (event, { tx, log }) => {
    const { data, eventId } = event;
    const occurredAt = new Date(event.occurredAt);
    const confidence = within(data.confidence, 0, 1, 'data.confidence', eventId);
    const duration = nonNegative(data.durationSeconds, 'data.durationSeconds', eventId);

    const stored = await tx.query<{ newer: boolean }>(hasNewerTranscription, [
      data.videoId,
      occurredAt,
      eventId,
    ]);
    if (stored.rows[0]?.newer) {
      stale();
      return;
    }

    const fetched = await fetchTranscript(data.transcriptionUrl);
    const { format, segments } = parseTranscript(fetched.body, fetched.contentType);
    const applied = await tx.query(applyTranscription, [
      data.videoId,
      data.jobId,
      confidence,
      duration,
      format,
      fetched.body.length,
      segments.length,
      fetched.source,
      eventId,
      occurredAt,
    ]);
    // A newer transcription committed while this one was fetching.
    if (applied.rowCount === 0) {
      stale();
      return;
    }
    await tx.query('DELETE FROM media.transcript_segments WHERE video_id = $1', [data.videoId]);
    await storeSegments(tx, data.videoId, segments);
    log.info(
      { eventId, videoId: data.videoId, format, segments: segments.length, bytes: fetched.body.length },
      'transcript stored',
    );

    function stale() {
      onStale(event.type);
      log.debug({ eventId, videoId: data.videoId }, 'transcription older than the stored one: ignored');
    }
  };
}

async function storeSegments(tx: TransactionContext['tx'], videoId: string, segments: TranscriptSegment[]) {
  if (segments.length === 0) return;
  await tx.query(insertSegments, [
    videoId,
    segments.map((segment) => segment.startSeconds),
    segments.map((segment) => segment.endSeconds),
    segments.map((segment) => segment.speaker),
    segments.map((segment) => segment.text),
  ]);
}
