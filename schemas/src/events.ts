/**
 * Inlet's canonical events: what every sender's webhook becomes at the ingress, whatever its native format.
 * The Avro schemas in avro/ encode exactly these shapes (a test keeps them in step).
 *
 * Conventions: ids are strings (Moodle sends numeric ids, sometimes as numeric strings; both become strings);
 * absent optional values are null, never undefined; times are epoch milliseconds; money is an integer amount in
 * the currency's minor unit (cents) with an ISO 4217 currency code, never a float; free-form objects
 * (metadata, configuration) travel as JSON text.
 */
import type { ServiceName } from '@inlet/topics';

// ---- grades & progress: inlet.grades.v1 -------------------------------------------------------------------

export interface GradeChange {
  /** The sender's id for the grade, when it has one. */
  gradeId: string | null;
  userId: string;
  /** The graded resource: LTI resource link, Canvas assignment, Moodle grade item. */
  resourceLinkId: string;
  /** The course (LTI context), when known. */
  contextId: string | null;
  /** Null when the grade was removed or not yet given. */
  score: number | null;
  maxScore: number | null;
  /** LTI AGS gradingProgress (FullyGraded, Pending, PendingManual, Failed, NotReady) or the platform's state. */
  gradingProgress: string | null;
  comment: string | null;
}

export interface AssessmentSubmission {
  userId: string;
  assessmentId: string;
  contextId: string | null;
  /** Canvas submission id, Moodle attempt id ... when the sender has one. */
  submissionId: string | null;
  score: number | null;
  maxScore: number | null;
  attempt: number | null;
}

export interface ModuleCompletion {
  userId: string;
  moduleId: string;
  contextId: string | null;
}

export interface CourseCompletion {
  userId: string;
  contextId: string;
}

// ---- membership: inlet.membership.v1 ------------------------------------------------------------------------

export interface MembershipChange {
  contextId: string;
  userId: string;
  /** As the sender names them: LTI role URIs, Canvas enrollment types, Moodle role shortnames. */
  roles: string[];
  /** The sender's state of the membership: active, inactive, completed, deleted, invited ... */
  status: string | null;
}

export interface CourseEnrollment {
  userId: string;
  contextId: string;
  /** The order or payment that bought the enrollment, when there is one. */
  orderId: string | null;
}

// ---- content: inlet.content.v1 ------------------------------------------------------------------------------

export interface ContentChange {
  contentId: string;
  /** assignment, discussion_topic, module, page, quiz, resource ... */
  contentType: string | null;
  resourceLinkId: string | null;
  contextId: string | null;
  title: string | null;
  url: string | null;
  /** Plain or HTML text to index (assignment description, discussion message). */
  body: string | null;
}

export interface DeepLinkCreated {
  linkId: string;
  resourceType: 'assessment' | 'content' | 'activity';
  contextId: string;
  createdBy: string;
  /** The deep link's configuration object, as JSON text. */
  configuration: string;
}

export interface BehaviorItem {
  type: 'click' | 'view' | 'interaction';
  element: string;
  occurredAt: number;
  /** Optional metadata object, as JSON text. */
  metadata: string | null;
}

export interface UserBehavior {
  userId: string;
  sessionId: string;
  events: BehaviorItem[];
}

// ---- payments: inlet.payments.v1 ----------------------------------------------------------------------------

export interface PaymentChange {
  paymentId: string;
  /** Our user id (from the provider's metadata), when the payment names one. */
  userId: string | null;
  /** The provider's customer id. */
  customerId: string | null;
  /** Amount in the currency's minor unit (cents). */
  amount: number;
  /** ISO 4217, lower case as Stripe sends it (usd, eur). */
  currency: string;
  /** The course the payment buys, when it names one. */
  courseId: string | null;
  /** Total refunded so far, in minor units (payment.refunded). */
  amountRefunded: number | null;
  failureReason: string | null;
}

export interface SubscriptionChange {
  subscriptionId: string;
  userId: string | null;
  customerId: string | null;
  planId: string | null;
  /** The provider's subscription status: active, trialing, canceled ... */
  status: string | null;
  courseId: string | null;
  /** End of the paid period, epoch ms. */
  currentPeriodEnd: number | null;
}

// ---- media: inlet.media.v1 ----------------------------------------------------------------------------------

export interface VideoUploadCompleted {
  videoId: string;
  title: string | null;
  durationSeconds: number | null;
  contentType: string | null;
  sizeBytes: number | null;
  url: string | null;
  uploadedBy: string | null;
  /** Any other metadata the uploader sent, as JSON text. */
  metadata: string | null;
}

export interface TranscriptionCompleted {
  jobId: string;
  videoId: string;
  transcriptionUrl: string;
  confidence: number;
  durationSeconds: number;
}

// ---- the catalog ---------------------------------------------------------------------------------------------

/** Every canonical event type, its data and the service (and so topic) it belongs to. */
export interface EventDataByType {
  'grade.created': GradeChange;
  'grade.updated': GradeChange;
  'grade.deleted': GradeChange;
  'assessment.submitted': AssessmentSubmission;
  'module.completed': ModuleCompletion;
  'course.completed': CourseCompletion;
  'member.added': MembershipChange;
  'member.removed': MembershipChange;
  'member.updated': MembershipChange;
  'course.enrolled': CourseEnrollment;
  'content.created': ContentChange;
  'content.updated': ContentChange;
  'content.deleted': ContentChange;
  'deep_link.created': DeepLinkCreated;
  'user.behavior': UserBehavior;
  'payment.success': PaymentChange;
  'payment.failed': PaymentChange;
  'payment.refunded': PaymentChange;
  'subscription.created': SubscriptionChange;
  'subscription.cancelled': SubscriptionChange;
  'video.upload.completed': VideoUploadCompleted;
  'transcription.completed': TranscriptionCompleted;
}

export type EventType = keyof EventDataByType;

export interface EventTypeInfo {
  service: ServiceName;
  /** The Avro record that holds this type's data (a branch of the topic's `data` union). */
  record: string;
}

export const eventTypes: Record<EventType, EventTypeInfo> = {
  'grade.created': { service: 'grades', record: 'GradeChange' },
  'grade.updated': { service: 'grades', record: 'GradeChange' },
  'grade.deleted': { service: 'grades', record: 'GradeChange' },
  'assessment.submitted': { service: 'grades', record: 'AssessmentSubmission' },
  'module.completed': { service: 'grades', record: 'ModuleCompletion' },
  'course.completed': { service: 'grades', record: 'CourseCompletion' },
  'member.added': { service: 'membership', record: 'MembershipChange' },
  'member.removed': { service: 'membership', record: 'MembershipChange' },
  'member.updated': { service: 'membership', record: 'MembershipChange' },
  'course.enrolled': { service: 'membership', record: 'CourseEnrollment' },
  'content.created': { service: 'content', record: 'ContentChange' },
  'content.updated': { service: 'content', record: 'ContentChange' },
  'content.deleted': { service: 'content', record: 'ContentChange' },
  'deep_link.created': { service: 'content', record: 'DeepLinkCreated' },
  'user.behavior': { service: 'content', record: 'UserBehavior' },
  'payment.success': { service: 'payments', record: 'PaymentChange' },
  'payment.failed': { service: 'payments', record: 'PaymentChange' },
  'payment.refunded': { service: 'payments', record: 'PaymentChange' },
  'subscription.created': { service: 'payments', record: 'SubscriptionChange' },
  'subscription.cancelled': { service: 'payments', record: 'SubscriptionChange' },
  'video.upload.completed': { service: 'media', record: 'VideoUploadCompleted' },
  'transcription.completed': { service: 'media', record: 'TranscriptionCompleted' },
};

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(eventTypes, value);
}

/** The envelope every event travels in; `data`'s shape is decided by `type`. */
export interface InletEvent<T extends EventType = EventType> {
  /** Stable across sender retries: the sender's own id where it has one, else a hash of source + body. */
  eventId: string;
  type: T;
  /** The configured source (sender) id, e.g. "canvas-prod". */
  source: string;
  /** The sender's own name for the event: grade_change, \core\event\user_graded, charge.succeeded ... */
  sourceEventName: string | null;
  /** When the sender says it happened (epoch ms); receivedAt when it does not say. */
  occurredAt: number;
  /** When the ingress accepted it (epoch ms). */
  receivedAt: number;
  data: EventDataByType[T];
}

/**
 * The Kafka message key: the entity whose events must stay in order. A user's grades and progress; a course's
 * roster; one content item; one payment or subscription (its refund or cancellation follows it); one video.
 */
export function partitionKey(event: InletEvent): string {
  const data = event.data as unknown as Record<string, unknown>;
  switch (eventTypes[event.type].record) {
    case 'GradeChange':
    case 'AssessmentSubmission':
    case 'ModuleCompletion':
    case 'CourseCompletion':
      return String(data.userId);
    case 'MembershipChange':
    case 'CourseEnrollment':
      return String(data.contextId);
    case 'ContentChange':
      return String(data.contentId);
    case 'DeepLinkCreated':
      return String(data.linkId);
    case 'UserBehavior':
      return String(data.userId);
    case 'PaymentChange':
      return String(data.paymentId);
    case 'SubscriptionChange':
      return String(data.subscriptionId);
    default:
      return String(data.videoId);
  }
}
