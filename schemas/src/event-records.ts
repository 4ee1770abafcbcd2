/**
 * Which data record each canonical event type carries. It is the one thing about event types that the Avro
 * schemas in avro/ do not hold: they declare the records, and a record's doc names its types only as prose.
 * `npm run generate --workspace @inlet/schemas` reads this list and the schemas and writes
 * src/generated/events.ts (EventType, EventDataByType, eventTypes, the record types); the generator refuses a
 * record that no schema declares and a data record that no event type carries. The order here is the order of
 * EventType and of the catalog.
 */
export const eventRecords: Readonly<Record<string, string>> = {
  'grade.created': 'GradeChange',
  'grade.updated': 'GradeChange',
  'grade.deleted': 'GradeChange',
  'assessment.submitted': 'AssessmentSubmission',
  'module.completed': 'ModuleCompletion',
  'course.completed': 'CourseCompletion',
  'member.added': 'MembershipChange',
  'member.removed': 'MembershipChange',
  'member.updated': 'MembershipChange',
  'course.enrolled': 'CourseEnrollment',
  'content.created': 'ContentChange',
  'content.updated': 'ContentChange',
  'content.deleted': 'ContentChange',
  'deep_link.created': 'DeepLinkCreated',
  'user.behavior': 'UserBehavior',
  'payment.success': 'PaymentChange',
  'payment.failed': 'PaymentChange',
  'payment.refunded': 'PaymentChange',
  'subscription.created': 'SubscriptionChange',
  'subscription.cancelled': 'SubscriptionChange',
  'video.upload.completed': 'VideoUploadCompleted',
  'transcription.completed': 'TranscriptionCompleted',
};
