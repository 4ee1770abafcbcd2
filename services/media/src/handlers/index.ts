import { recordTranscription, type FetchTranscript } from './transcriptions.js';
import type { MediaHandlers, OnStale } from './types.js';
import { recordUpload } from './videos.js';

export type { FetchTranscript } from './transcriptions.js';
export type { MediaEventType, MediaHandlerContext, MediaHandlers } from './types.js';

export interface HandlerDependencies {
  /** Fetches a transcript under the SSRF guard (TranscriptFetcher.fetch in production). */
  fetchTranscript: FetchTranscript;
  /** Told about each event that changed nothing because a newer one was already applied. */
  onStale?: OnStale;
}

/**
 * One handler per event type of inlet.media.v1. Each writes only through the transaction it is given (the
 * runtime's, in which the event id is already recorded), so its effect and that record commit together.
 */
export function createHandlers({
  fetchTranscript,
  onStale = () => undefined,
}: HandlerDependencies): MediaHandlers {
  return {
    'video.upload.completed': (event, context) => recordUpload(event, context, onStale),
    'transcription.completed': (event, context) =>
      recordTranscription(event, context, fetchTranscript, onStale),
  };
}
