import { jsonObject, keysetCursor, keysetPage, selectList, type Queryable } from '@inlet/service-kit';
import type { Segment, TranscriptPage } from '../routes/schemas.js';

/** Where a page ended: the transcript it belongs to (its transcription event) and the last seq served. */
export const transcriptCursor = keysetCursor({ transcriptionEventId: 'text', seq: 'int4' });

export type TranscriptRead =
  | { found: 'no-video' }
  | { found: 'no-transcript' }
  | { found: 'transcript'; transcriptionEventId: string; page: TranscriptPage };

/** The video's transcript status, and the segments of the page, one more than asked included. */
type TranscriptRow = Pick<TranscriptPage, 'segmentCount'> & {
  transcriptionEventId: string | null;
  segments: Segment[];
};

const segmentObject = jsonObject<Segment>({
  seq: 'seq',
  startSeconds: 'start_seconds',
  endSeconds: 'end_seconds',
  speaker: 'speaker',
  text: 'text',
});

const transcriptColumns = selectList<TranscriptRow>({
  transcriptionEventId: 'v.transcription_event_id',
  segmentCount: 'v.segment_count',
  segments: `(SELECT coalesce(json_agg(${segmentObject} ORDER BY seq), '[]')
                FROM (SELECT seq, start_seconds, end_seconds, speaker, text
                        FROM media.transcript_segments
                       WHERE video_id = v.video_id AND seq > $2
                       ORDER BY seq
                       LIMIT $3) page)`,
});

/**
 * A page of a video's transcript in order, after `afterSeq`. One statement, so the video's transcript
 * status and its segments come from one snapshot even while a newer transcription replaces them.
 */
export async function readTranscript(
  db: Queryable,
  videoId: string,
  { limit, afterSeq }: { limit: number; afterSeq: number },
): Promise<TranscriptRead> {
  const { rows } = await db.query<TranscriptRow>(
    `SELECT ${transcriptColumns} FROM media.videos v WHERE v.video_id = $1`,
    // One segment more than asked tells whether another page exists.
    [videoId, afterSeq, limit + 1],
  );
  const video = rows[0];
  if (!video) return { found: 'no-video' };
  const { transcriptionEventId, segmentCount, segments } = video;
  if (transcriptionEventId === null) return { found: 'no-transcript' };
  return {
    found: 'transcript',
    transcriptionEventId,
    page: {
      videoId,
      segmentCount,
      ...keysetPage(segments, limit, (last) =>
        transcriptCursor.encode({ transcriptionEventId, seq: last.seq }),
      ),
    },
  };
}
