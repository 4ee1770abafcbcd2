/** The event types of inlet.media.v1, each of which this service handles. */
export type MediaEventType = 'video.upload.completed' | 'transcription.completed';

/** Counts an event that changed nothing because the stored row is newer (out-of-order arrival). */
export type OnStale = (type: MediaEventType) => void;
