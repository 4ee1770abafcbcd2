import type { EventType } from '@inlet/schemas';

/**
 * A realistic sample of every canonical event type in Inlet's generic format `{id, type, timestamp, data}`,
 * with the values of the ingress' test fixtures (services/ingress/test/fixtures/generic). Each send gets a
 * fresh `id` and the current time, so the ingress derives a new eventId every time, as `stripe trigger` makes
 * a new event: sending the same sample twice is two events, not a duplicate.
 */

type SampleData = (now: Date) => Record<string, unknown>;

const learner = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner';
const grade = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  userId: 'user123',
  resourceLinkId: 'link456',
  gradeId: 'grade789',
  contextId: 'course-bio-101',
  score: 85,
  maxScore: 100,
  gradingProgress: 'FullyGraded',
  comment: 'Good analysis; cite your sources.',
  ...overrides,
});
const membership = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  contextId: 'course-bio-101',
  userId: 'user123',
  roles: [learner],
  status: 'active',
  ...overrides,
});
const content = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  contentId: 'content-42',
  contentType: 'page',
  resourceLinkId: 'link456',
  contextId: 'course-bio-101',
  title: 'Photosynthesis explained',
  url: 'https://guide.example.com/content/content-42',
  body: 'How plants turn light, water and carbon dioxide into glucose and oxygen.',
  ...overrides,
});
const payment = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  paymentId: 'pay_01HS3K',
  userId: 'user123',
  customerId: 'cust_77',
  amount: 4900,
  currency: 'USD',
  courseId: 'course-bio-101',
  ...overrides,
});
const subscription = (now: Date, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  subscriptionId: 'sub_0042',
  userId: 'user123',
  customerId: 'cust_77',
  planId: 'all-access-monthly',
  status: 'active',
  currentPeriodEnd: new Date(now.getTime() + 30 * 24 * 3600_000).toISOString(),
  ...overrides,
});

const samples: Record<EventType, SampleData> = {
  'grade.created': () => grade({ score: 72, comment: null }),
  'grade.updated': () => grade(),
  'grade.deleted': () => grade({ score: null, maxScore: null, gradingProgress: null, comment: null }),
  'assessment.submitted': () => ({
    userId: 'user123',
    assessmentId: 'quiz-cells-1',
    contextId: 'course-bio-101',
    submissionId: 'sub-9931',
    score: 8,
    maxScore: 10,
    attempt: 1,
  }),
  'module.completed': () => ({ userId: 'user123', moduleId: 'module-3-cells', contextId: 'course-bio-101' }),
  'course.completed': () => ({ userId: 'user123', contextId: 'course-bio-101' }),
  'member.added': () => membership(),
  'member.removed': () => membership({ status: 'deleted' }),
  'member.updated': () =>
    membership({ roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor'], status: 'active' }),
  'course.enrolled': () => ({ userId: 'user123', contextId: 'course-bio-101', orderId: 'order_5521' }),
  'content.created': () => content(),
  'content.updated': () => content({ title: 'Photosynthesis explained (revised)' }),
  'content.deleted': () => content({ body: null }),
  'deep_link.created': () => ({
    linkId: 'dl_5c1e9a',
    resourceType: 'assessment',
    contextId: 'course-bio-101',
    createdBy: 'instructor_12',
    configuration: { title: 'Cells quiz', questionCount: 10, timeLimitMinutes: 20, shuffle: true },
  }),
  'user.behavior': (now) => ({
    userId: 'user123',
    sessionId: 'sess_9b2e4f',
    events: [
      {
        type: 'view',
        element: 'lesson:photosynthesis',
        timestamp: new Date(now.getTime() - 150_000).toISOString(),
      },
      {
        type: 'click',
        element: 'button#show-hint',
        timestamp: now.toISOString(),
        metadata: { hintIndex: 2, questionId: 'q-17' },
      },
    ],
  }),
  'payment.success': () => payment(),
  'payment.failed': () => payment({ failureReason: 'Your card was declined.' }),
  'payment.refunded': () => payment({ amountRefunded: 2450 }),
  'subscription.created': (now) => subscription(now),
  'subscription.cancelled': (now) => subscription(now, { status: 'canceled' }),
  'video.upload.completed': () => ({
    videoId: 'vid_3f9a12',
    metadata: {
      title: 'Lecture 4: Mitosis',
      durationSeconds: 1834.5,
      contentType: 'video/mp4',
      sizeBytes: 734003200,
      url: 'https://media.example.com/videos/vid_3f9a12.mp4',
      uploadedBy: 'instructor_12',
      resolution: '1920x1080',
      codec: 'h264',
    },
  }),
  'transcription.completed': () => ({
    jobId: 'job_7Hk2mQ9',
    videoId: 'vid_3f9a12',
    transcriptionUrl: 'https://media.example.com/transcripts/vid_3f9a12.vtt',
    confidence: 0.94,
    duration: 1834.5,
  }),
};

/** The generic webhook body of a sample event: a fresh sender id and the current time. */
export function sampleWebhook(type: EventType, senderEventId: string, now: Date): Record<string, unknown> {
  return { id: senderEventId, type, timestamp: now.toISOString(), data: samples[type](now) };
}
