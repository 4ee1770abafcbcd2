/**
 * Inlet's canonical events: what every sender's webhook becomes at the ingress, whatever its native format.
 * Their types are generated from the Avro schemas in avro/ (src/generated/events.ts, with event-records.ts);
 * this module adds what a schema cannot say: how to test a type name and which field keys an event on Kafka.
 *
 * Conventions: ids are strings (Moodle sends numeric ids, sometimes as numeric strings; both become strings);
 * absent optional values are null, never undefined; times are epoch milliseconds; money is an integer amount in
 * the currency's minor unit (cents) with an ISO 4217 currency code, never a float; free-form objects
 * (metadata, configuration) travel as JSON text.
 */
import { eventTypes, type DataRecords, type EventType, type InletEvent } from './generated/events.js';

export * from './generated/events.js';

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(eventTypes, value);
}

/**
 * The data field whose value is the Kafka message key of each record's events: the entity whose events must stay
 * in order. A user's grades and progress; a course's roster; one content item; one payment or subscription (its
 * refund or cancellation follows it); one video. A record added to a schema does not compile until it has one.
 */
const keyFields: { readonly [R in keyof DataRecords]: keyof DataRecords[R] & string } = {
  GradeChange: 'userId',
  AssessmentSubmission: 'userId',
  ModuleCompletion: 'userId',
  CourseCompletion: 'userId',
  MembershipChange: 'contextId',
  CourseEnrollment: 'contextId',
  ContentChange: 'contentId',
  DeepLinkCreated: 'linkId',
  UserBehavior: 'userId',
  PaymentChange: 'paymentId',
  SubscriptionChange: 'subscriptionId',
  VideoUploadCompleted: 'videoId',
  TranscriptionCompleted: 'videoId',
};

/** The Kafka message key of an event: its data's key field (keyFields), as text. */
export function partitionKey(event: InletEvent): string {
  const data = event.data as unknown as Record<string, unknown>;
  return String(data[keyFields[eventTypes[event.type].record]]);
}
