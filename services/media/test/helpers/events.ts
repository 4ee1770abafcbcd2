import { randomUUID } from 'node:crypto';
import type { InletEvent, TranscriptionCompleted, VideoUploadCompleted } from '@inlet/schemas';

const base = Date.parse('2026-11-23T12:00:00.000Z');

/** An epoch-ms time `seconds` after a fixed instant, so tests read as "at 10", "at 20". */
export const at = (seconds: number): number => base + seconds * 1000;

type Overrides = { eventId?: string; occurredAt?: number };

function envelope<T extends InletEvent['type']>(
  type: T,
  data: InletEvent<T>['data'],
  overrides: Overrides,
): InletEvent<T> {
  return {
    eventId: overrides.eventId ?? randomUUID(),
    type,
    source: 'test-media',
    sourceEventName: null,
    occurredAt: overrides.occurredAt ?? at(0),
    receivedAt: Date.now(),
    data,
  };
}

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
