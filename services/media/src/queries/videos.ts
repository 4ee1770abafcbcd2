import type { Queryable } from '@inlet/service-kit';
import type { TranscriptStatus, Video } from '../routes/schemas.js';

interface VideoRow {
  video_id: string;
  title: string | null;
  duration_seconds: number | null;
  content_type: string | null;
  size_bytes: number | null;
  url: string | null;
  uploaded_by: string | null;
  metadata: unknown;
  upload_event_at: Date | null;
  transcription_job_id: string | null;
  transcription_confidence: number | null;
  transcription_duration_seconds: number | null;
  transcript_format: TranscriptStatus['format'];
  transcript_bytes: number | null;
  segment_count: number;
  transcript_source: string | null;
  transcript_fetched_at: Date | null;
  transcription_event_at: Date | null;
  updated_at: Date;
}

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

function toVideo(row: VideoRow): Video {
  return {
    videoId: row.video_id,
    uploaded: row.upload_event_at !== null,
    title: row.title,
    durationSeconds: row.duration_seconds,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    url: row.url,
    uploadedBy: row.uploaded_by,
    metadata: row.metadata,
    uploadedAt: iso(row.upload_event_at),
    transcript: {
      status: row.transcription_event_at === null ? 'pending' : 'transcribed',
      segmentCount: row.segment_count,
      jobId: row.transcription_job_id,
      confidence: row.transcription_confidence,
      durationSeconds: row.transcription_duration_seconds,
      format: row.transcript_format,
      bytes: row.transcript_bytes,
      source: row.transcript_source,
      transcribedAt: iso(row.transcription_event_at),
      fetchedAt: iso(row.transcript_fetched_at),
    },
    updatedAt: row.updated_at.toISOString(),
  };
}

/** One video, placeholder included; undefined when no event named it. */
export async function findVideo(db: Queryable, videoId: string): Promise<Video | undefined> {
  const { rows } = await db.query<VideoRow>(
    `SELECT video_id, title, duration_seconds, content_type, size_bytes::float8 AS size_bytes, url, uploaded_by,
            metadata, upload_event_at, transcription_job_id, transcription_confidence,
            transcription_duration_seconds, transcript_format, transcript_bytes, segment_count,
            transcript_source, transcript_fetched_at, transcription_event_at, updated_at
       FROM media.videos WHERE video_id = $1`,
    [videoId],
  );
  return rows[0] ? toVideo(rows[0]) : undefined;
}
