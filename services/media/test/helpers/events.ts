import { randomUUID } from 'node:crypto';
import type { InletEvent, TranscriptionCompleted, VideoUploadCompleted } from '@inlet/schemas';
import { secondsAfter, testEnvelope, type EnvelopeOverrides } from '@inlet/service-kit/testing';

/** An epoch-ms time `seconds` after a fixed instant, so tests read as "at 10", "at 20". */
export const at = secondsAfter('2026-11-23T12:00:00.000Z');

type Overrides = Pick<EnvelopeOverrides, 'eventId' | 'occurredAt'>;

const envelope = testEnvelope({ source: 'test-media', occurredAt: at(0) });

export function uploadEvent(
  data: Partial<VideoUploadCompleted> & Pick<VideoUploadCompleted, 'videoId'>,
  overrides: Overrides = {},
): InletEvent<'video.upload.completed'> {
  return envelope(
    'video.upload.completed',
    {
      title: 'Lecture 4: Mitosis',
      durationSeconds: 1834.5,
      contentType: 'video/mp4',
      sizeBytes: 734003200,
      url: 'https://media.example.com/videos/v.mp4',
      uploadedBy: 'instructor_12',
      metadata: '{"resolution":"1920x1080","codec":"h264"}',
      ...data,
    },
    overrides,
  );
}

export function transcriptionEvent(
  data: Partial<TranscriptionCompleted> & Pick<TranscriptionCompleted, 'videoId' | 'transcriptionUrl'>,
  overrides: Overrides = {},
): InletEvent<'transcription.completed'> {
  return envelope(
    'transcription.completed',
    { jobId: `job-${randomUUID()}`, confidence: 0.94, durationSeconds: 1834.5, ...data },
    overrides,
  );
}
