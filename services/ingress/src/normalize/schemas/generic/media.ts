/** Generic data of the media services: transcriptions and video uploads. */
import Type, { type Static } from 'typebox';
import { absoluteUri, nonEmptyString, optional, optionalNonEmptyString, optionalString } from '../common.js';
import { optionalUri, timestampedData } from './timestamped.js';

export const transcriptionCompleted = timestampedData({
  jobId: nonEmptyString,
  videoId: nonEmptyString,
  transcriptionUrl: absoluteUri,
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
  /** Seconds of media transcribed. */
  duration: Type.Number({ minimum: 0 }),
});

/**
 * The video facts Inlet keeps as fields. They may sit on data itself or in data.metadata, where the generic
 * format's upload events have always carried them.
 */
const videoFacts = {
  title: optionalString,
  durationSeconds: optional(Type.Number({ minimum: 0 })),
  contentType: optionalNonEmptyString,
  sizeBytes: optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
  url: optionalUri,
  uploadedBy: optionalNonEmptyString,
};
const videoFactsObject = Type.Object(videoFacts);
export type VideoFacts = Static<typeof videoFactsObject>;

export const videoUploadCompleted = timestampedData({
  videoId: nonEmptyString,
  ...videoFacts,
  // Whatever else metadata holds is kept as JSON text.
  metadata: optional(videoFactsObject),
});
export type GenericVideoUpload = Static<typeof videoUploadCompleted>;
