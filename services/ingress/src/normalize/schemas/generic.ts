/**
 * Inputs of Inlet's own generic format, `{type, data, id?, timestamp?}`, as the platform's webhook API describes them, plus
 * the optional extras of the canonical events (events.ts). Unknown extra fields are ignored, not refused, so a
 * sender can add fields without breaking. Every optional field may also be sent as null.
 */
import type { EventType } from '@inlet/schemas';
import {
  absoluteUri,
  currencyCode,
  freeFormObject,
  isoDateTime,
  maxAvroInt,
  minorUnits,
  nonEmptyString,
  optionalMinorUnits,
  optionalNonEmptyString,
  optionalNumber,
  optionalString,
} from './common.js';

type Optional<T> = T | null | undefined;

interface Timestamped {
  /** ISO 8601 with a time zone: when it happened. */
  timestamp?: Optional<string>;
}

export interface GenericEnvelope {
  type: string;
  data: unknown;
  /** The sender's id for this event; becomes senderEventId. */
  id?: Optional<string>;
  /** The seed's payment webhooks put the time on the envelope instead of in data. */
  timestamp?: Optional<string>;
}

export const envelopeTypeSchema = {
  type: 'object',
  required: ['type'],
  properties: { type: nonEmptyString },
};

/** The envelope around data; `data`'s own schema is added per type. */
export function envelopeSchema(dataSchema: object): object {
  return {
    type: 'object',
    required: ['type', 'data'],
    properties: {
      type: nonEmptyString,
      id: optionalNonEmptyString,
      timestamp: { ...isoDateTime, type: ['string', 'null'] },
      data: dataSchema,
    },
  };
}

/**
 * The internal route's envelope: the URL names the type, so `type` may be left out (internal.ts checks it agrees
 * when present).
 */
export interface InternalEnvelope {
  type?: unknown;
  data: Record<string, unknown>;
  id?: Optional<string>;
  timestamp?: Optional<string>;
}

export const internalEnvelopeSchema = {
  type: 'object',
  required: ['data'],
  properties: {
    id: optionalNonEmptyString,
    timestamp: { ...isoDateTime, type: ['string', 'null'] },
    data: freeFormObject,
  },
};

const optionalTimestamp = { ...isoDateTime, type: ['string', 'null'] };
const optionalUri = { ...absoluteUri, type: ['string', 'null'] };

function object(required: string[], properties: Record<string, object>): object {
  return { type: 'object', required, properties: { ...properties, timestamp: optionalTimestamp } };
}

// ---- grades & progress ----------------------------------------------------------------------------------------

export interface GenericGrade extends Timestamped {
  userId: string;
  resourceLinkId: string;
  score?: Optional<number>;
  maxScore?: Optional<number>;
  gradeId?: Optional<string>;
  contextId?: Optional<string>;
  gradingProgress?: Optional<string>;
  comment?: Optional<string>;
}

const gradeProperties = {
  userId: nonEmptyString,
  resourceLinkId: nonEmptyString,
  score: { type: 'number' },
  maxScore: { type: 'number', minimum: 0 },
  gradeId: optionalNonEmptyString,
  contextId: optionalNonEmptyString,
  gradingProgress: optionalNonEmptyString,
  comment: optionalString,
};
/** A given or changed grade has a score; a deleted one need not. */
const gradeGiven = object(['userId', 'resourceLinkId', 'score', 'maxScore'], gradeProperties);
const gradeDeleted = object(['userId', 'resourceLinkId'], {
  ...gradeProperties,
  score: optionalNumber,
  maxScore: { type: ['number', 'null'], minimum: 0 },
});

export interface GenericAssessmentSubmission extends Timestamped {
  userId: string;
  assessmentId: string;
  contextId?: Optional<string>;
  submissionId?: Optional<string>;
  score?: Optional<number>;
  maxScore?: Optional<number>;
  attempt?: Optional<number>;
}

const assessmentSubmitted = object(['userId', 'assessmentId'], {
  userId: nonEmptyString,
  assessmentId: nonEmptyString,
  contextId: optionalNonEmptyString,
  submissionId: optionalNonEmptyString,
  score: optionalNumber,
  maxScore: { type: ['number', 'null'], minimum: 0 },
  attempt: { type: ['integer', 'null'], minimum: 1, maximum: maxAvroInt },
});

export interface GenericModuleCompletion extends Timestamped {
  userId: string;
  moduleId: string;
  contextId?: Optional<string>;
}

const moduleCompleted = object(['userId', 'moduleId'], {
  userId: nonEmptyString,
  moduleId: nonEmptyString,
  contextId: optionalNonEmptyString,
});

export interface GenericCourseCompletion extends Timestamped {
  userId: string;
  contextId: string;
}

const courseCompleted = object(['userId', 'contextId'], {
  userId: nonEmptyString,
  contextId: nonEmptyString,
});

// ---- membership -----------------------------------------------------------------------------------------------

export interface GenericMembership extends Timestamped {
  contextId: string;
  userId: string;
  roles: string[];
  status?: Optional<string>;
}

const membership = object(['contextId', 'userId', 'roles'], {
  contextId: nonEmptyString,
  userId: nonEmptyString,
  roles: { type: 'array', items: nonEmptyString },
  status: optionalNonEmptyString,
});

export interface GenericCourseEnrollment extends Timestamped {
  userId: string;
  contextId: string;
  orderId?: Optional<string>;
}

const courseEnrolled = object(['userId', 'contextId'], {
  userId: nonEmptyString,
  contextId: nonEmptyString,
  orderId: optionalNonEmptyString,
});

// ---- content --------------------------------------------------------------------------------------------------

export interface GenericContent extends Timestamped {
  contentId: string;
  contentType?: Optional<string>;
  resourceLinkId?: Optional<string>;
  contextId?: Optional<string>;
  title?: Optional<string>;
  url?: Optional<string>;
  body?: Optional<string>;
}

const content = object(['contentId'], {
  contentId: nonEmptyString,
  contentType: optionalNonEmptyString,
  resourceLinkId: optionalNonEmptyString,
  contextId: optionalNonEmptyString,
  title: optionalString,
  url: optionalUri,
  body: optionalString,
});

export interface GenericDeepLink extends Timestamped {
  linkId: string;
  resourceType: 'assessment' | 'content' | 'activity';
  contextId: string;
  createdBy: string;
  configuration: Record<string, unknown>;
}

const deepLinkCreated = object(['linkId', 'resourceType', 'contextId', 'createdBy', 'configuration'], {
  linkId: nonEmptyString,
  resourceType: { type: 'string', enum: ['assessment', 'content', 'activity'] },
  contextId: nonEmptyString,
  createdBy: nonEmptyString,
  configuration: freeFormObject,
});

export interface GenericBehaviorItem {
  type: 'click' | 'view' | 'interaction';
  element: string;
  timestamp: string;
  metadata?: Optional<Record<string, unknown>>;
}

export interface GenericUserBehavior extends Timestamped {
  userId: string;
  sessionId: string;
  events: GenericBehaviorItem[];
}

const userBehavior = object(['userId', 'sessionId', 'events'], {
  userId: nonEmptyString,
  sessionId: nonEmptyString,
  events: {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['type', 'element', 'timestamp'],
      properties: {
        type: { type: 'string', enum: ['click', 'view', 'interaction'] },
        element: nonEmptyString,
        timestamp: isoDateTime,
        metadata: { type: ['object', 'null'] },
      },
    },
  },
});

// ---- payments -------------------------------------------------------------------------------------------------

export interface GenericPayment extends Timestamped {
  paymentId: string;
  /** Integer minor units (cents), never a decimal amount. */
  amount: number;
  currency: string;
  userId?: Optional<string>;
  customerId?: Optional<string>;
  courseId?: Optional<string>;
  amountRefunded?: Optional<number>;
  failureReason?: Optional<string>;
}

const paymentProperties = {
  paymentId: nonEmptyString,
  amount: minorUnits,
  currency: currencyCode,
  userId: optionalNonEmptyString,
  customerId: optionalNonEmptyString,
  courseId: optionalNonEmptyString,
  amountRefunded: optionalMinorUnits,
  failureReason: optionalString,
};
const payment = object(['paymentId', 'amount', 'currency'], paymentProperties);
/** A refund without the refunded total says nothing. */
const paymentRefunded = object(['paymentId', 'amount', 'currency', 'amountRefunded'], {
  ...paymentProperties,
  amountRefunded: minorUnits,
});

export interface GenericSubscription extends Timestamped {
  subscriptionId: string;
  userId?: Optional<string>;
  customerId?: Optional<string>;
  planId?: Optional<string>;
  status?: Optional<string>;
  courseId?: Optional<string>;
  /** ISO 8601 like every other generic time. */
  currentPeriodEnd?: Optional<string>;
}

const subscription = object(['subscriptionId'], {
  subscriptionId: nonEmptyString,
  userId: optionalNonEmptyString,
  customerId: optionalNonEmptyString,
  planId: optionalNonEmptyString,
  status: optionalNonEmptyString,
  courseId: optionalNonEmptyString,
  currentPeriodEnd: optionalTimestamp,
});

// ---- media ----------------------------------------------------------------------------------------------------

export interface GenericTranscription extends Timestamped {
  jobId: string;
  videoId: string;
  transcriptionUrl: string;
  /** 0..1 */
  confidence: number;
  /** Seconds of media transcribed. */
  duration: number;
}

const transcriptionCompleted = object(['jobId', 'videoId', 'transcriptionUrl', 'confidence', 'duration'], {
  jobId: nonEmptyString,
  videoId: nonEmptyString,
  transcriptionUrl: absoluteUri,
  confidence: { type: 'number', minimum: 0, maximum: 1 },
  duration: { type: 'number', minimum: 0 },
});

/** The video facts Inlet keeps as fields; they may sit on data itself or in data.metadata (the seed's shape). */
export interface VideoFacts {
  title?: Optional<string>;
  durationSeconds?: Optional<number>;
  contentType?: Optional<string>;
  sizeBytes?: Optional<number>;
  url?: Optional<string>;
  uploadedBy?: Optional<string>;
}

export interface GenericVideoUpload extends Timestamped, VideoFacts {
  videoId: string;
  metadata?: Optional<VideoFacts & Record<string, unknown>>;
}

const videoFacts = {
  title: optionalString,
  durationSeconds: { type: ['number', 'null'], minimum: 0 },
  contentType: optionalNonEmptyString,
  sizeBytes: { type: ['integer', 'null'], minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
  url: optionalUri,
  uploadedBy: optionalNonEmptyString,
};

const videoUploadCompleted = object(['videoId'], {
  videoId: nonEmptyString,
  ...videoFacts,
  metadata: { type: ['object', 'null'], properties: videoFacts },
});

/** The data schema of every type a generic payload may carry (which route takes which: families.ts). */
export const genericDataSchemas: Record<EventType, object> = {
  'grade.created': gradeGiven,
  'grade.updated': gradeGiven,
  'grade.deleted': gradeDeleted,
  'assessment.submitted': assessmentSubmitted,
  'module.completed': moduleCompleted,
  'course.completed': courseCompleted,
  'member.added': membership,
  'member.removed': membership,
  'member.updated': membership,
  'course.enrolled': courseEnrolled,
  'content.created': content,
  'content.updated': content,
  'content.deleted': content,
  'deep_link.created': deepLinkCreated,
  'user.behavior': userBehavior,
  'payment.success': payment,
  'payment.failed': payment,
  'payment.refunded': paymentRefunded,
  'subscription.created': subscription,
  'subscription.cancelled': subscription,
  'video.upload.completed': videoUploadCompleted,
  'transcription.completed': transcriptionCompleted,
};
