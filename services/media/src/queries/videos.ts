import {
  jsonObject,
  jsonTime,
  selectList,
  withDates,
  type Queryable,
  type WithEpochMs,
} from '@inlet/service-kit';
import type { TranscriptStatus, Video } from '../routes/schemas.js';

// bigint comes back as text from pg; float8 comes back as a number, which is what JSON needs.
const videoColumns = selectList<Video>({
  videoId: 'video_id',
  uploaded: 'upload_event_at IS NOT NULL',
  title: 'title',
  durationSeconds: 'duration_seconds',
  contentType: 'content_type',
  sizeBytes: 'size_bytes::float8',
  url: 'url',
  uploadedBy: 'uploaded_by',
  metadata: 'metadata',
  uploadedAt: 'upload_event_at',
  transcript: jsonObject<TranscriptStatus>({
    status: `CASE WHEN transcription_event_at IS NULL THEN 'pending' ELSE 'transcribed' END`,
    segmentCount: 'segment_count',
    jobId: 'transcription_job_id',
    confidence: 'transcription_confidence',
    durationSeconds: 'transcription_duration_seconds',
    format: 'transcript_format',
    bytes: 'transcript_bytes',
    source: 'transcript_source',
    transcribedAt: jsonTime('transcription_event_at'),
    fetchedAt: jsonTime('transcript_fetched_at'),
  }),
  updatedAt: 'updated_at',
});

/** The transcript's times come out of json as epoch milliseconds (jsonTime). */
type VideoRow = Omit<Video, 'transcript'> & {
  transcript: WithEpochMs<TranscriptStatus, 'transcribedAt' | 'fetchedAt'>;
};

/** One video, placeholder included; undefined when no event named it. */
export async function findVideo(db: Queryable, videoId: string): Promise<Video | undefined> {
  const { rows } = await db.query<VideoRow>(`SELECT ${videoColumns} FROM media.videos WHERE video_id = $1`, [
    videoId,
  ]);
  const row = rows[0];
  return (
    row && {
      ...row,
      transcript: withDates(row.transcript, ['transcribedAt', 'fetchedAt']),
    }
  );
}
