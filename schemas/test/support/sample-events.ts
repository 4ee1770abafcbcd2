import type { EventType, InletEvent } from '../../src/index.js';

const receivedAt = Date.UTC(2025, 2, 14, 9, 30, 0, 123);
const occurredAt = receivedAt - 1_500;

function event<T extends EventType>(
  type: T,
  source: string,
  sourceEventName: string | null,
  data: InletEvent<T>['data'],
): InletEvent<T> {
  return { eventId: `evt-${type}-0001`, type, source, sourceEventName, occurredAt, receivedAt, data };
}

/** One realistic event of every canonical type (the mapped type makes a missing type a compile error). */
export const sampleEvents: { [T in EventType]: InletEvent<T> } = {
  'grade.created': event('grade.created', 'canvas-prod', 'grade_change', {
    gradeId: 'grade-88231',
    userId: '4411',
    resourceLinkId: 'assignment-912',
    contextId: 'course-207',
    score: 17.5,
    maxScore: 20,
    gradingProgress: 'FullyGraded',
    comment: 'Well argued; cite the second source properly.',
  }),
  'grade.updated': event('grade.updated', 'moodle-main', '\\core\\event\\user_graded', {
    gradeId: null,
    userId: '93',
    resourceLinkId: 'grade-item-15',
    contextId: null,
    score: 0.8125,
    maxScore: 1,
    gradingProgress: null,
    comment: null,
  }),
  'grade.deleted': event('grade.deleted', 'lti-platform-a', null, {
    gradeId: 'ags-score-7',
    userId: 'user-77f1',
    resourceLinkId: 'rl-3c1d',
    contextId: 'ctx-19',
    score: null,
    maxScore: null,
    gradingProgress: 'NotReady',
    comment: null,
  }),
  'assessment.submitted': event('assessment.submitted', 'canvas-prod', 'submission_created', {
    userId: '4411',
    assessmentId: 'quiz-55',
    contextId: 'course-207',
    submissionId: 'submission-1200391',
    score: null,
    maxScore: 50,
    attempt: 2,
  }),
  'module.completed': event(
    'module.completed',
    'moodle-main',
    '\\core\\event\\course_module_completion_updated',
    {
      userId: '93',
      moduleId: 'cm-4410',
      contextId: '12',
    },
  ),
  'course.completed': event('course.completed', 'moodle-main', '\\core\\event\\course_completed', {
    userId: '93',
    contextId: '12',
  }),
  'member.added': event('member.added', 'lti-platform-a', 'membership', {
    contextId: 'ctx-19',
    userId: 'user-77f1',
    roles: [
      'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
      'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student',
    ],
    status: 'Active',
  }),
  'member.removed': event('member.removed', 'canvas-prod', 'enrollment_deleted', {
    contextId: 'course-207',
    userId: '4411',
    roles: ['StudentEnrollment'],
    status: 'deleted',
  }),
  'member.updated': event('member.updated', 'moodle-main', '\\core\\event\\user_enrolment_updated', {
    contextId: '12',
    userId: '93',
    roles: [],
    status: null,
  }),
  'course.enrolled': event('course.enrolled', 'shop', 'order.paid', {
    userId: 'user-77f1',
    contextId: 'course-207',
    orderId: 'order-2025-000341',
  }),
  'content.created': event('content.created', 'canvas-prod', 'assignment_created', {
    contentId: 'assignment-913',
    contentType: 'assignment',
    resourceLinkId: null,
    contextId: 'course-207',
    title: 'Essay 2: Sources and évidence — «draft»',
    url: 'https://canvas.example.edu/courses/207/assignments/913',
    body: '<p>Write 1500 words. Ünïcödé and emoji 📚 survive.</p>',
  }),
  'content.updated': event('content.updated', 'canvas-prod', 'wiki_page_updated', {
    contentId: 'page-44',
    contentType: 'page',
    resourceLinkId: 'rl-page-44',
    contextId: 'course-207',
    title: 'Week 3',
    url: null,
    body: null,
  }),
  'content.deleted': event('content.deleted', 'moodle-main', '\\core\\event\\course_module_deleted', {
    contentId: 'cm-4410',
    contentType: null,
    resourceLinkId: null,
    contextId: null,
    title: null,
    url: null,
    body: null,
  }),
  'deep_link.created': event('deep_link.created', 'lti-platform-a', 'LtiDeepLinkingResponse', {
    linkId: 'dl-0c9e',
    resourceType: 'assessment',
    contextId: 'ctx-19',
    createdBy: 'instructor-5',
    configuration: '{"title":"Quiz 1","custom":{"difficulty":"medium"}}',
  }),
  'user.behavior': event('user.behavior', 'web-tracker', null, {
    userId: 'user-77f1',
    sessionId: 'sess-19f2c',
    events: [
      { type: 'view', element: 'page:week-3', occurredAt: occurredAt - 60_000, metadata: null },
      {
        type: 'click',
        element: 'button#submit',
        occurredAt: occurredAt - 30_000,
        metadata: '{"x":10,"y":20}',
      },
      { type: 'interaction', element: 'video:intro', occurredAt, metadata: '{"seconds":42.5}' },
    ],
  }),
  'payment.success': event('payment.success', 'stripe-live', 'charge.succeeded', {
    paymentId: 'ch_3PqL2x2eZvKYlo2C1abc',
    userId: 'user-77f1',
    customerId: 'cus_Q1w2e3',
    amount: 4999,
    currency: 'usd',
    courseId: 'course-207',
    amountRefunded: null,
    failureReason: null,
  }),
  'payment.failed': event('payment.failed', 'stripe-live', 'charge.failed', {
    paymentId: 'ch_3PqL2x2eZvKYlo2C1def',
    userId: null,
    customerId: 'cus_Q1w2e3',
    amount: 4999,
    currency: 'eur',
    courseId: null,
    amountRefunded: null,
    failureReason: 'card_declined',
  }),
  'payment.refunded': event('payment.refunded', 'stripe-live', 'charge.refunded', {
    paymentId: 'ch_3PqL2x2eZvKYlo2C1abc',
    userId: 'user-77f1',
    customerId: 'cus_Q1w2e3',
    // Far beyond 32 bits: money is a long.
    amount: 9_007_199_254_740,
    currency: 'jpy',
    courseId: 'course-207',
    amountRefunded: 2500,
    failureReason: null,
  }),
  'subscription.created': event('subscription.created', 'stripe-live', 'customer.subscription.created', {
    subscriptionId: 'sub_1MowQVLkdIwHu7ix',
    userId: 'user-77f1',
    customerId: 'cus_Q1w2e3',
    planId: 'price_monthly_pro',
    status: 'active',
    courseId: null,
    currentPeriodEnd: Date.UTC(2025, 3, 14),
  }),
  'subscription.cancelled': event('subscription.cancelled', 'stripe-live', 'customer.subscription.deleted', {
    subscriptionId: 'sub_1MowQVLkdIwHu7ix',
    userId: null,
    customerId: null,
    planId: null,
    status: 'canceled',
    courseId: null,
    currentPeriodEnd: null,
  }),
  'video.upload.completed': event('video.upload.completed', 'media-service', 'upload.completed', {
    videoId: 'vid-5521',
    title: 'Lecture 4: Recursion',
    durationSeconds: 3127.48,
    contentType: 'video/mp4',
    sizeBytes: 5_368_709_120,
    url: 'https://media.example.edu/v/vid-5521.mp4',
    uploadedBy: 'instructor-5',
    metadata: '{"resolution":"1080p"}',
  }),
  'transcription.completed': event('transcription.completed', 'ai-transcriber', 'job.succeeded', {
    jobId: 'job-7f3a',
    videoId: 'vid-5521',
    transcriptionUrl: 'https://media.example.edu/t/vid-5521.vtt',
    confidence: 0.934,
    durationSeconds: 3127.48,
  }),
};

export const allSampleEvents: InletEvent[] = Object.values(sampleEvents);
