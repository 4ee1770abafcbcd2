import { keysetCursor, keysetPage, type Queryable } from '@inlet/service-kit';
import type { Segment, TranscriptPage } from '../routes/schemas.js';

/** Where a page ended: the transcript it belongs to (its transcription event) and the last seq served. */
export const transcriptCursor = keysetCursor({ transcriptionEventId: 'text', seq: 'int4' });

export type TranscriptRead =
  | { found: 'no-video' }
  | { found: 'no-transcript' }
  | { found: 'transcript'; transcriptionEventId: string; page: TranscriptPage };

interface Row {
  transcription_event_id: string | null;
  segment_count: number;
  seq: number | null;
  start_seconds: number | null;
  end_seconds: number | null;
  speaker: string | null;
  text: string | null;
}

/**
 * A page of a video's transcript in order, after `afterSeq`. One statement, so the video's transcript
 * status and its segments come from one snapshot even while a newer transcription replaces them.
 */
export async function readTranscript(
  db: Queryable,
  videoId: string,
  { limit, afterSeq }: { limit: number; afterSeq: number },
): Promise<TranscriptRead> {
  const { rows } = await db.query<Row>(
    `SELECT v.transcription_event_id, v.segment_count, s.seq, s.start_seconds, s.end_seconds, s.speaker, s.text
       FROM media.videos v
       LEFT JOIN LATERAL (
         SELECT seq, start_seconds, end_seconds, speaker, text
           FROM media.transcript_segments
          WHERE video_id = v.video_id AND seq > $2
          ORDER BY seq
          LIMIT $3
       ) s ON true
      WHERE v.video_id = $1
      ORDER BY s.seq`,
    // One row more than asked tells whether another page exists.
    [videoId, afterSeq, limit + 1],
  );
  const first = rows[0];
  if (!first) return { found: 'no-video' };
  if (first.transcription_event_id === null) return { found: 'no-transcript' };
  const transcriptionEventId = first.transcription_event_id;
  const segments = rows.filter((row) => row.seq !== null);
  return {
    found: 'transcript',
    transcriptionEventId,
    page: {
      videoId,
      segmentCount: first.segment_count,
      ...keysetPage(segments, limit, toSegment, (last) =>
        transcriptCursor.encode({ transcriptionEventId, seq: last.seq! }),
      ),
    },
  };
}

/** A segment row of the join (seq and text are null only on the row of a video without segments). */
function toSegment(row: Row): Segment {
  return {
    seq: row.seq!,
    startSeconds: row.start_seconds,
    endSeconds: row.end_seconds,
    speaker: row.speaker,
    text: row.text!,
  };
}
