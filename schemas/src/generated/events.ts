// Generated from the Avro schemas of the main topics and src/event-records.ts: the event types and the
// envelope, by `npm run generate --workspace @inlet/schemas`. Do not edit: change those and regenerate (a
// test fails while this file differs from what they generate).

import type { ServiceName } from '@inlet/topics';
import type { GradeChange, AssessmentSubmission, ModuleCompletion, CourseCompletion } from './grades.js';
import type { MembershipChange, CourseEnrollment } from './membership.js';
import type { ContentChange, DeepLinkCreated, UserBehavior } from './content.js';
import type { PaymentChange, SubscriptionChange } from './payments.js';
import type { VideoUploadCompleted, TranscriptionCompleted } from './media.js';

export type * from './grades.js';
export type * from './membership.js';
export type * from './content.js';
export type * from './payments.js';
export type * from './media.js';

/** Every data record by name: the branches of the main topics' `data` unions. */
export interface DataRecords {
  GradeChange: GradeChange;
  AssessmentSubmission: AssessmentSubmission;
  ModuleCompletion: ModuleCompletion;
  CourseCompletion: CourseCompletion;
  MembershipChange: MembershipChange;
  CourseEnrollment: CourseEnrollment;
  ContentChange: ContentChange;
  DeepLinkCreated: DeepLinkCreated;
  UserBehavior: UserBehavior;
  PaymentChange: PaymentChange;
  SubscriptionChange: SubscriptionChange;
  VideoUploadCompleted: VideoUploadCompleted;
  TranscriptionCompleted: TranscriptionCompleted;
}

/** Every canonical event type and the record that holds its data. */
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
  record: keyof DataRecords;
}

/** Every canonical event type, the service (and so the topic) it belongs to and its data record. */
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

/** The envelope every event travels in; `data`'s shape is decided by `type`. */
export interface InletEvent<T extends EventType = EventType> {
  /** Stable across sender retries: the sender's own id where it has one, else a hash of source + body. */
  eventId: string;
  /**
   * The canonical event type (grade.created, payment.success ...); it decides which data record is present.
   */
  type: T;
  /** The configured source (sender) id, e.g. canvas-prod. */
  source: string;
  /** The sender's own name for the event: grade_change, \core\event\user_graded, charge.succeeded ... */
  sourceEventName: string | null;
  /** When the sender says it happened (epoch ms); receivedAt when it does not say. */
  occurredAt: number;
  /** When the ingress accepted it (epoch ms). */
  receivedAt: number;
  /** The event's data: the record that eventTypes names for the event's type. */
  data: EventDataByType[T];
}
