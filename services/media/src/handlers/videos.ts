import { excludedAssignments, type ServiceHandler } from '@inlet/service-kit';
import type { OnStale } from './types.js';
import { jsonOrNull, nonNegativeOrNull } from './values.js';

// The upload's columns of a video (its key is video_id): the ones the INSERT and the UPDATE write.
const uploadColumns = `title, duration_seconds, content_type, size_bytes, url, uploaded_by, metadata, upload_event_id,
  upload_event_at`;

/**
 * One statement applies an upload, so there is no read-then-write race with a transcription of the same video
 * handled at the same moment (a retry tier runs beside the main topic). The upload columns become what the
 * event describes when the row has none yet (a new video, or a placeholder a transcription created) or when
 * the event is newer than the upload they reflect: later occurredAt, or the same occurredAt and a greater
 * eventId (byte-wise). The transcript columns are never touched here.
 */
const applyUpload = `
INSERT INTO media.videos AS stored (video_id, ${uploadColumns})
VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)
ON CONFLICT (video_id) DO UPDATE SET
  ${excludedAssignments(uploadColumns)},
  updated_at = now()
WHERE stored.upload_event_id IS NULL
   OR (stored.upload_event_at, stored.upload_event_id) < (excluded.upload_event_at, excluded.upload_event_id)`;

/**
 * video.upload.completed: the video's record and metadata. A video uploaded again (replaced) is described by
 * its newest upload event; nothing is merged from older ones.
 */
export function uploadHandler(onStale: OnStale): ServiceHandler<'video.upload.completed'> {
  return async (event, { tx, log }) => {
    const { data, eventId } = event;
    const result = await tx.query(applyUpload, [
      data.videoId,
      data.title,
      nonNegativeOrNull(data.durationSeconds, 'data.durationSeconds', eventId),
      data.contentType,
      nonNegativeOrNull(data.sizeBytes, 'data.sizeBytes', eventId),
      data.url,
      data.uploadedBy,
      jsonOrNull(data.metadata, 'data.metadata', eventId),
      eventId,
      new Date(event.occurredAt),
    ]);
    if (result.rowCount === 0) {
      onStale(event.type);
      log.debug({ eventId, videoId: data.videoId }, 'upload older than the stored one: ignored');
    }
  };
}
