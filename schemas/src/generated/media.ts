// Generated from the latest Avro schema of inlet.media.v1 (schemas/avro/inlet.media.v1/): the records of its
// data union, by `npm run generate --workspace @inlet/schemas`. Do not edit: change those and regenerate (a
// test fails while this file differs from what they generate).

// MediaEvent: Video uploads and their transcriptions from media and AI services. Keyed by data.videoId so a
// video's events stay in order.

/** A video finished uploading (video.upload.completed). */
export interface VideoUploadCompleted {
  /** The uploaded video. */
  videoId: string;
  /** The video's title. */
  title: string | null;
  /** The video's length in seconds. */
  durationSeconds: number | null;
  /** The file's media type, e.g. video/mp4. */
  contentType: string | null;
  /** The file's size in bytes. */
  sizeBytes: number | null;
  /** Where the video can be fetched. */
  url: string | null;
  /** The user who uploaded it. */
  uploadedBy: string | null;
  /** Any other metadata the uploader sent, as JSON text. */
  metadata: string | null;
}

/** A video's transcription finished (transcription.completed). */
export interface TranscriptionCompleted {
  /** The transcription job. */
  jobId: string;
  /** The transcribed video. */
  videoId: string;
  /** Where the transcript can be fetched. */
  transcriptionUrl: string;
  /** The transcriber's overall confidence, 0 to 1. */
  confidence: number;
  /** The transcribed audio's length in seconds. */
  durationSeconds: number;
}
