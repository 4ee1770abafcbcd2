import type { ServiceHandlers } from '@inlet/service-kit';
import { transcriptionHandler, type FetchTranscript } from './transcriptions.js';
import type { MediaEventType, OnStale } from './types.js';
import { uploadHandler } from './videos.js';

export type { FetchTranscript } from './transcriptions.js';
export type { MediaEventType } from './types.js';

export interface HandlerDependencies {
  /** Fetches a transcript under the SSRF guard (TranscriptFetcher.fetch in production). */
  fetchTranscript: FetchTranscript;
  /** Told about each event that changed nothing because a newer one was already applied. */
  onStale?: OnStale;
}

/** The handlers of inlet.media.v1's event types (ServiceHandlers). */
export function createHandlers({
  fetchTranscript,
  onStale = () => undefined,
}: HandlerDependencies): ServiceHandlers<MediaEventType> {
  return {
    'video.upload.completed': uploadHandler(onStale),
    'transcription.completed': transcriptionHandler(fetchTranscript, onStale),
  };
}
