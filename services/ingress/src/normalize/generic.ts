/**
 * Inlet's own generic format: `{type, data, id?, timestamp?}`. The same data shapes serve the internal route,
 * where the type comes from the URL and the body may be the data itself (internal.ts).
 */
import { isEventType, type EventDataByType, type EventType } from '@inlet/schemas';
import type { ValidateFunction } from 'ajv';
import {
  isoToEpochMs,
  jsonText,
  jsonTextOrNull,
  normalizedEvent,
  optionalIsoToEpochMs,
  orNull,
} from './convert.js';
import { unknownEventType } from './errors.js';
import { acceptedTypesText, acceptsGenericType, isSafeEventName, type RouteFamily } from './families.js';
import { genericDataSchemas, type GenericDataByType } from './schemas/generic/by-type.js';
import type { GenericContent, GenericUserBehavior } from './schemas/generic/content.js';
import { envelopeTypeSchema, genericEnvelopeSchema } from './schemas/generic/envelope.js';
import type { GenericGrade } from './schemas/generic/learning.js';
import type { GenericVideoUpload, VideoFacts } from './schemas/generic/media.js';
import type { GenericMembership } from './schemas/generic/membership.js';
import type { GenericPayment, GenericSubscription } from './schemas/generic/payments.js';
import type { JsonObject, NormalizedEvent } from './types.js';
import { assertValid, compileSchema, compileSchemas } from './validate.js';

/** Keyed by the type itself, so a type's validator and mapper agree on its data inside a generic function. */
type Validators = { [T in EventType]: ValidateFunction<GenericDataByType[T]> };
/** `dataPointer` is where the data sits in the sender's payload, for errors that name a field. */
type Mappers = {
  [T in EventType]: (input: GenericDataByType[T], dataPointer: string) => EventDataByType[T];
};

const validateType = compileSchema(envelopeTypeSchema);
const validateEnvelope = compileSchema(genericEnvelopeSchema);
const dataValidators: Validators = compileSchemas(genericDataSchemas);

const grade = (d: GenericGrade): EventDataByType['grade.updated'] => ({
  gradeId: orNull(d.gradeId),
  userId: d.userId,
  resourceLinkId: d.resourceLinkId,
  contextId: orNull(d.contextId),
  score: orNull(d.score),
  maxScore: orNull(d.maxScore),
  gradingProgress: orNull(d.gradingProgress),
  comment: orNull(d.comment),
});

const membership = (d: GenericMembership): EventDataByType['member.added'] => ({
  contextId: d.contextId,
  userId: d.userId,
  roles: d.roles,
  status: orNull(d.status),
});

const content = (d: GenericContent): EventDataByType['content.created'] => ({
  contentId: d.contentId,
  contentType: orNull(d.contentType),
  resourceLinkId: orNull(d.resourceLinkId),
  contextId: orNull(d.contextId),
  title: orNull(d.title),
  url: orNull(d.url),
  body: orNull(d.body),
});

const payment = (d: GenericPayment): EventDataByType['payment.success'] => ({
  paymentId: d.paymentId,
  userId: orNull(d.userId),
  customerId: orNull(d.customerId),
  amount: d.amount,
  // Canonical currency codes are lower case, as Stripe sends them.
  currency: d.currency.toLowerCase(),
  courseId: orNull(d.courseId),
  amountRefunded: orNull(d.amountRefunded),
  failureReason: orNull(d.failureReason),
});

const subscription = (d: GenericSubscription): EventDataByType['subscription.created'] => ({
  subscriptionId: d.subscriptionId,
  userId: orNull(d.userId),
  customerId: orNull(d.customerId),
  planId: orNull(d.planId),
  status: orNull(d.status),
  courseId: orNull(d.courseId),
  currentPeriodEnd: optionalIsoToEpochMs(d.currentPeriodEnd),
});

const videoFactKeys = ['title', 'durationSeconds', 'contentType', 'sizeBytes', 'url', 'uploadedBy'] as const;

/** Known facts become fields (data's own value wins over metadata's); whatever else metadata holds stays JSON. */
function videoUpload(d: GenericVideoUpload, dataPointer: string): EventDataByType['video.upload.completed'] {
  const metadata = d.metadata ?? {};
  const fact = <K extends keyof VideoFacts>(key: K): NonNullable<VideoFacts[K]> | null =>
    d[key] ?? metadata[key] ?? null;
  const rest = Object.fromEntries(
    Object.entries(metadata).filter(([key]) => !(videoFactKeys as readonly string[]).includes(key)),
  );
  return {
    videoId: d.videoId,
    title: fact('title'),
    durationSeconds: fact('durationSeconds'),
    contentType: fact('contentType'),
    sizeBytes: fact('sizeBytes'),
    url: fact('url'),
    uploadedBy: fact('uploadedBy'),
    metadata: Object.keys(rest).length > 0 ? jsonText(rest, `${dataPointer}/metadata`) : null,
  };
}

const mappers: Mappers = {
  'grade.created': grade,
  'grade.updated': grade,
  'grade.deleted': grade,
  'assessment.submitted': (d) => ({
    userId: d.userId,
    assessmentId: d.assessmentId,
    contextId: orNull(d.contextId),
    submissionId: orNull(d.submissionId),
    score: orNull(d.score),
    maxScore: orNull(d.maxScore),
    attempt: orNull(d.attempt),
  }),
  'module.completed': (d) => ({ userId: d.userId, moduleId: d.moduleId, contextId: orNull(d.contextId) }),
  'course.completed': (d) => ({ userId: d.userId, contextId: d.contextId }),
  'member.added': membership,
  'member.removed': membership,
  'member.updated': membership,
  'course.enrolled': (d) => ({ userId: d.userId, contextId: d.contextId, orderId: orNull(d.orderId) }),
  'content.created': content,
  'content.updated': content,
  'content.deleted': content,
  'deep_link.created': (d, dataPointer) => ({
    linkId: d.linkId,
    resourceType: d.resourceType,
    contextId: d.contextId,
    createdBy: d.createdBy,
    configuration: jsonText(d.configuration, `${dataPointer}/configuration`),
  }),
  'user.behavior': (d, dataPointer) => ({
    userId: d.userId,
    sessionId: d.sessionId,
    events: d.events.map((item, index) => ({
      type: item.type,
      element: item.element,
      occurredAt: isoToEpochMs(item.timestamp),
      metadata: jsonTextOrNull(item.metadata, `${dataPointer}/events/${index}/metadata`),
    })),
  }),
  'payment.success': payment,
  'payment.failed': payment,
  'payment.refunded': payment,
  'subscription.created': subscription,
  'subscription.cancelled': subscription,
  'video.upload.completed': videoUpload,
  'transcription.completed': (d) => ({
    jobId: d.jobId,
    videoId: d.videoId,
    transcriptionUrl: d.transcriptionUrl,
    confidence: d.confidence,
    durationSeconds: d.duration,
  }),
};

/**
 * When it happened: data.timestamp, else the envelope's timestamp. A behavior batch without either happened when
 * its last interaction did.
 */
function occurredAt(
  type: EventType,
  input: { timestamp?: string | null },
  envelopeTime: number | null,
): number | null {
  const own = optionalIsoToEpochMs(input.timestamp) ?? envelopeTime;
  if (own !== null || type !== 'user.behavior') return own;
  return Math.max(...(input as GenericUserBehavior).events.map((item) => isoToEpochMs(item.timestamp)));
}

export interface EnvelopeMeta {
  senderEventId: string | null;
  occurredAt: number | null;
}

/** Validates `data` (found at `dataPointer` in the sender's payload) as `type`'s data and maps it. */
export function normalizeGenericData<T extends EventType>(
  type: T,
  data: unknown,
  dataPointer: string,
  envelope: EnvelopeMeta,
): NormalizedEvent<T> {
  const validate = dataValidators[type];
  assertValid(validate, data, dataPointer);
  return normalizedEvent(type, mappers[type](data, dataPointer), {
    occurredAt: occurredAt(type, data, envelope.occurredAt),
    sourceEventName: null,
    senderEventId: envelope.senderEventId,
  });
}

/**
 * Checks `type` is present, well formed and one the route accepts; the error lists what it does accept. A type
 * of another route's family is refused (the sender posts to the wrong endpoint). Any other type on an otherwise
 * well-formed envelope is an unknown event, which the ingress keeps as unmapped.
 */
export function assertAcceptedType(family: RouteFamily, payload: JsonObject): EventType {
  assertValid(validateType, payload);
  const { type } = payload;
  if (acceptsGenericType(family, type)) return type;
  const named = isSafeEventName(type) ? ` '${type}'` : '';
  const message = `/type${named} is not an event type this route accepts; accepted: ${acceptedTypesText(family)}`;
  if (isEventType(type)) throw unknownEventType(message, '/type');
  assertValid(validateEnvelope, payload);
  throw unknownEventType(message, '/type', { eventName: type, senderEventId: orNull(payload.id) });
}

export function normalizeGeneric(family: RouteFamily, payload: JsonObject): NormalizedEvent {
  const type = assertAcceptedType(family, payload);
  assertValid(validateEnvelope, payload);
  return normalizeGenericData(type, payload.data, '/data', {
    senderEventId: orNull(payload.id),
    occurredAt: optionalIsoToEpochMs(payload.timestamp),
  });
}
