import { describe, expect, it } from 'vitest';
import { normalizeCommerce, normalizeLti, normalizeService } from '../../src/normalize/index.js';
import { expectNormalizeError, fixture, withValue } from './helpers.js';

describe('generic events on the LTI route', () => {
  it('maps grade.updated with every field, timestamp and sender id', () => {
    expect(normalizeLti(fixture('generic/grade.updated.json'))).toEqual({
      type: 'grade.updated',
      data: {
        gradeId: 'grade789',
        userId: 'user123',
        resourceLinkId: 'link456',
        contextId: 'course-bio-101',
        score: 85,
        maxScore: 100,
        gradingProgress: 'FullyGraded',
        comment: 'Good analysis; cite your sources.',
      },
      occurredAt: Date.UTC(2024, 0, 1, 12, 0, 0),
      sourceEventName: null,
      senderEventId: 'whevt_01HS3K8V5QZ7M2N4P6R8T0W2Y4',
    });
  });

  it("accepts the webhook API's own documented test event (no gradeId, no id): absent values become null", () => {
    const seedEvent = {
      type: 'grade.updated',
      data: {
        userId: 'user123',
        resourceLinkId: 'link456',
        score: 85,
        maxScore: 100,
        timestamp: '2024-01-01T12:00:00Z',
      },
    };
    expect(normalizeLti(seedEvent)).toEqual({
      type: 'grade.updated',
      data: {
        gradeId: null,
        userId: 'user123',
        resourceLinkId: 'link456',
        contextId: null,
        score: 85,
        maxScore: 100,
        gradingProgress: null,
        comment: null,
      },
      occurredAt: Date.UTC(2024, 0, 1, 12, 0, 0),
      sourceEventName: null,
      senderEventId: null,
    });
  });

  it('lets grade.deleted leave out the score', () => {
    const event = normalizeLti({
      type: 'grade.deleted',
      data: { userId: 'u1', resourceLinkId: 'l1', gradeId: 'g1' },
    });
    expect(event.type).toBe('grade.deleted');
    expect(event.data).toMatchObject({ score: null, maxScore: null, gradeId: 'g1' });
    expect(event.occurredAt).toBeNull();
  });

  it('maps member.added', () => {
    expect(normalizeLti(fixture('generic/member.added.json'))).toEqual({
      type: 'member.added',
      data: {
        contextId: 'course-bio-101',
        userId: 'user123',
        roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
        status: null,
      },
      occurredAt: Date.UTC(2024, 0, 8, 16, 20, 33),
      sourceEventName: null,
      senderEventId: null,
    });
  });

  it('maps content.created', () => {
    expect(normalizeLti(fixture('generic/content.created.json'))).toEqual({
      type: 'content.created',
      data: {
        contentId: 'content-42',
        contentType: null,
        resourceLinkId: 'link456',
        contextId: null,
        title: 'Photosynthesis explained',
        url: 'https://guide.example.com/content/content-42',
        body: null,
      },
      occurredAt: Date.UTC(2024, 1, 1, 9, 30, 0),
      sourceEventName: null,
      senderEventId: null,
    });
  });
});

describe('generic events on the services route', () => {
  it('maps transcription.completed (duration → durationSeconds)', () => {
    expect(normalizeService(fixture('generic/transcription.completed.json'))).toEqual({
      type: 'transcription.completed',
      data: {
        jobId: 'job_7Hk2mQ9',
        videoId: 'vid_3f9a12',
        transcriptionUrl: 'https://media.example.com/transcripts/vid_3f9a12.vtt',
        confidence: 0.94,
        durationSeconds: 1834.5,
      },
      occurredAt: Date.UTC(2024, 2, 5, 10, 15, 42),
      sourceEventName: null,
      senderEventId: null,
    });
  });

  it('maps user.behavior items to epoch ms and metadata to JSON text; the batch happened at its last item', () => {
    expect(normalizeService(fixture('generic/user.behavior.json'))).toEqual({
      type: 'user.behavior',
      data: {
        userId: 'user123',
        sessionId: 'sess_9b2e4f',
        events: [
          {
            type: 'view',
            element: 'lesson:photosynthesis',
            occurredAt: Date.UTC(2024, 2, 5, 10, 0, 0),
            metadata: null,
          },
          {
            type: 'click',
            element: 'button#show-hint',
            occurredAt: Date.UTC(2024, 2, 5, 10, 2, 30, 250),
            metadata: '{"hintIndex":2,"questionId":"q-17"}',
          },
        ],
      },
      occurredAt: Date.UTC(2024, 2, 5, 10, 2, 30, 250),
      sourceEventName: null,
      senderEventId: null,
    });
  });

  it('refuses a behavior item of an unknown kind, naming the allowed ones', () => {
    expectNormalizeError(
      () => normalizeService(withValue('generic/user.behavior.json', '/data/events/1/type', 'scroll')),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/data/events/1/type',
        message: '/data/events/1/type must be one of: click, view, interaction',
      },
    );
  });

  it('refuses a confidence outside 0..1', () => {
    expectNormalizeError(
      () => normalizeService(withValue('generic/transcription.completed.json', '/data/confidence', 94)),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/data/confidence',
        message: '/data/confidence must be <= 1',
      },
    );
  });
});

describe('generic events on the commerce route', () => {
  it('maps payment.success: envelope id and timestamp, currency lower-cased', () => {
    expect(normalizeCommerce(fixture('generic/payment.success.json'))).toEqual({
      type: 'payment.success',
      data: {
        paymentId: 'pay_01HS3K',
        userId: 'user123',
        customerId: 'cust_77',
        amount: 4900,
        currency: 'usd',
        courseId: 'course-bio-101',
        amountRefunded: null,
        failureReason: null,
      },
      occurredAt: Date.UTC(2024, 2, 14, 15, 9, 30),
      sourceEventName: null,
      senderEventId: 'pay_evt_20240314_0001',
    });
  });

  it('maps payment.refunded onto the same paymentId as its payment', () => {
    const payment = normalizeCommerce(fixture('generic/payment.success.json'));
    const refund = normalizeCommerce(fixture('generic/payment.refunded.json'));
    expect(refund.type).toBe('payment.refunded');
    expect(refund.data).toEqual({
      paymentId: 'pay_01HS3K',
      userId: 'user123',
      customerId: null,
      amount: 4900,
      currency: 'usd',
      courseId: null,
      amountRefunded: 2450,
      failureReason: null,
    });
    expect((refund.data as { paymentId: string }).paymentId).toBe(
      (payment.data as { paymentId: string }).paymentId,
    );
  });

  it('refuses a decimal amount: money is integer minor units', () => {
    expectNormalizeError(
      () => normalizeCommerce(withValue('generic/payment.success.json', '/data/amount', 49.99)),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/data/amount',
        message: '/data/amount must be integer',
      },
    );
  });

  it('refuses a refund without amountRefunded', () => {
    expectNormalizeError(
      () => normalizeCommerce(withValue('generic/payment.refunded.json', '/data/amountRefunded', undefined)),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/data/amountRefunded',
        message: '/data/amountRefunded is required',
      },
    );
  });

  it('refuses a currency that is not an ISO 4217 code', () => {
    expectNormalizeError(
      () => normalizeCommerce(withValue('generic/payment.success.json', '/data/currency', 'dollars')),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/data/currency',
        message: '/data/currency must be a three-letter ISO 4217 currency code',
      },
    );
  });

  it('maps subscription.created with currentPeriodEnd in epoch ms', () => {
    expect(normalizeCommerce(fixture('generic/subscription.created.json'))).toEqual({
      type: 'subscription.created',
      data: {
        subscriptionId: 'sub_0042',
        userId: 'user123',
        customerId: 'cust_77',
        planId: 'all-access-monthly',
        status: 'active',
        courseId: null,
        currentPeriodEnd: Date.UTC(2024, 4, 1),
      },
      occurredAt: Date.UTC(2024, 3, 1),
      sourceEventName: null,
      senderEventId: null,
    });
  });

  it('maps subscription.cancelled', () => {
    const event = normalizeCommerce({
      type: 'subscription.cancelled',
      data: { subscriptionId: 'sub_0042', status: 'canceled' },
    });
    expect(event).toEqual({
      type: 'subscription.cancelled',
      data: {
        subscriptionId: 'sub_0042',
        userId: null,
        customerId: null,
        planId: null,
        status: 'canceled',
        courseId: null,
        currentPeriodEnd: null,
      },
      occurredAt: null,
      sourceEventName: null,
      senderEventId: null,
    });
  });

  it('maps payment.failed with its reason', () => {
    const event = normalizeCommerce({
      type: 'payment.failed',
      data: { paymentId: 'pay_2', amount: 100, currency: 'eur', failureReason: 'card declined' },
    });
    expect(event.data).toEqual({
      paymentId: 'pay_2',
      userId: null,
      customerId: null,
      amount: 100,
      currency: 'eur',
      courseId: null,
      amountRefunded: null,
      failureReason: 'card declined',
    });
  });

  it('maps course.enrolled, course.completed, module.completed and assessment.submitted', () => {
    expect(normalizeCommerce(fixture('generic/course.enrolled.json'))).toEqual({
      type: 'course.enrolled',
      data: { userId: 'user123', contextId: 'course-bio-101', orderId: 'order_5521' },
      occurredAt: Date.UTC(2024, 2, 14, 15, 10),
      sourceEventName: null,
      senderEventId: null,
    });
    expect(normalizeCommerce(fixture('generic/course.completed.json'))).toEqual({
      type: 'course.completed',
      data: { userId: 'user123', contextId: 'course-bio-101' },
      occurredAt: Date.UTC(2024, 4, 20, 19, 11, 26),
      sourceEventName: null,
      senderEventId: null,
    });
    expect(normalizeCommerce(fixture('generic/module.completed.json'))).toEqual({
      type: 'module.completed',
      data: { userId: 'user123', moduleId: 'module-3-cells', contextId: 'course-bio-101' },
      occurredAt: Date.UTC(2024, 3, 2, 11, 45),
      sourceEventName: null,
      senderEventId: null,
    });
    expect(normalizeCommerce(fixture('generic/assessment.submitted.json'))).toEqual({
      type: 'assessment.submitted',
      data: {
        userId: 'user123',
        assessmentId: 'quiz-cells-1',
        contextId: 'course-bio-101',
        submissionId: 'sub-9931',
        score: 8,
        maxScore: 10,
        attempt: 1,
      },
      occurredAt: Date.UTC(2024, 3, 2, 11, 40),
      sourceEventName: null,
      senderEventId: null,
    });
  });

  it("prefers data.timestamp over the envelope's", () => {
    const payload = withValue(
      'generic/course.completed.json',
      '/data/timestamp',
      '2024-05-21T00:00:00+02:00',
    );
    expect(normalizeCommerce(payload).occurredAt).toBe(Date.UTC(2024, 4, 20, 22));
  });
});

describe('route families', () => {
  it('answers an unknown type with INLET_UNKNOWN_EVENT_TYPE at /type, listing what the route accepts', () => {
    expectNormalizeError(() => normalizeLti({ type: 'test.event', data: { message: 'test' } }), {
      code: 'INLET_UNKNOWN_EVENT_TYPE',
      field: '/type',
      message:
        "/type 'test.event' is not an event type this route accepts; accepted: grade.created, grade.updated, " +
        'grade.deleted, member.added, member.removed, member.updated, content.created, content.updated, content.deleted',
    });
  });

  it.each([
    ['LTI', normalizeLti, 'payment.success'],
    ['LTI', normalizeLti, 'transcription.completed'],
    ['LTI', normalizeLti, 'course.completed'],
    ['services', normalizeService, 'grade.updated'],
    ['services', normalizeService, 'payment.success'],
    ['services', normalizeService, 'video.upload.completed'],
    ['commerce', normalizeCommerce, 'grade.updated'],
    ['commerce', normalizeCommerce, 'user.behavior'],
    ['commerce', normalizeCommerce, 'deep_link.created'],
  ] as const)("the %s route refuses another family's %s", (_route, normalize, type) => {
    const payload = fixture(`generic/${type}.json`) as Record<string, unknown>;
    expectNormalizeError(() => normalize(payload), { code: 'INLET_UNKNOWN_EVENT_TYPE', field: '/type' });
  });

  it('lists the services and commerce types in their messages', () => {
    expectNormalizeError(() => normalizeService(fixture('generic/grade.updated.json')), {
      code: 'INLET_UNKNOWN_EVENT_TYPE',
      message: 'accepted: transcription.completed, user.behavior',
    });
    expectNormalizeError(() => normalizeCommerce(fixture('generic/member.added.json')), {
      code: 'INLET_UNKNOWN_EVENT_TYPE',
      message:
        'accepted: payment.success, payment.failed, payment.refunded, subscription.created, subscription.cancelled, ' +
        'course.enrolled, course.completed, module.completed, assessment.submitted',
    });
  });

  it("keeps the facts of a well-formed envelope with an unknown type, not of another route family's type", () => {
    const unknown = expectNormalizeError(
      () => normalizeLti({ type: 'test.event', id: 'evt-42', data: { message: 'test' } }),
      { code: 'INLET_UNKNOWN_EVENT_TYPE' },
    );
    expect(unknown.unknownEvent).toEqual({ eventName: 'test.event', senderEventId: 'evt-42' });
    const misrouted = expectNormalizeError(() => normalizeService(fixture('generic/grade.updated.json')), {
      code: 'INLET_UNKNOWN_EVENT_TYPE',
    });
    expect(misrouted.unknownEvent).toBeUndefined();
    // Without data it is not a well-formed envelope: invalid, whatever the type.
    expectNormalizeError(() => normalizeLti({ type: 'test.event' }), { code: 'INLET_INVALID_EVENT' });
  });

  it('does not echo a type that is not a plain event name', () => {
    const error = expectNormalizeError(() => normalizeLti({ type: 'Alice <alice@example.com>', data: {} }), {
      code: 'INLET_UNKNOWN_EVENT_TYPE',
      field: '/type',
    });
    expect(error.message).not.toContain('alice');
  });
});

describe('generic validation', () => {
  it('names the field and the problem for a wrong type', () => {
    expectNormalizeError(() => normalizeLti(withValue('generic/grade.updated.json', '/data/score', '85')), {
      code: 'INLET_INVALID_EVENT',
      statusCode: 422,
      field: '/data/score',
      message: '/data/score must be number',
    });
  });

  it('names a missing field', () => {
    expectNormalizeError(
      () => normalizeLti(withValue('generic/grade.updated.json', '/data/userId', undefined)),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/data/userId',
        message: '/data/userId is required',
      },
    );
  });

  it('refuses empty ids', () => {
    expectNormalizeError(
      () => normalizeLti(withValue('generic/grade.updated.json', '/data/resourceLinkId', '')),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/data/resourceLinkId',
        message: '/data/resourceLinkId must not be empty',
      },
    );
  });

  it('refuses a timestamp without a time zone', () => {
    expectNormalizeError(
      () => normalizeLti(withValue('generic/grade.updated.json', '/data/timestamp', '2024-01-01T12:00:00')),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/data/timestamp',
        message: '/data/timestamp must be an RFC 3339 date-time with a time zone',
      },
    );
  });

  it('requires type and data', () => {
    expectNormalizeError(() => normalizeLti({ data: {} }), {
      code: 'INLET_INVALID_EVENT',
      field: '/type',
      message: '/type is required',
    });
    expectNormalizeError(() => normalizeLti({ type: 'grade.updated' }), {
      code: 'INLET_INVALID_EVENT',
      field: '/data',
      message: '/data is required',
    });
    expectNormalizeError(() => normalizeLti({ type: 'grade.updated', data: [] }), {
      code: 'INLET_INVALID_EVENT',
      field: '/data',
      message: '/data must be object',
    });
  });

  it('answers 400 for a body that is not a JSON object', () => {
    for (const body of [null, [], 'grade.updated', 42, true]) {
      expectNormalizeError(() => normalizeLti(body), { code: 'INLET_INVALID_EVENT', statusCode: 400 });
      expectNormalizeError(() => normalizeService(body), { code: 'INLET_INVALID_EVENT', statusCode: 400 });
      expectNormalizeError(() => normalizeCommerce(body), { code: 'INLET_INVALID_EVENT', statusCode: 400 });
    }
  });

  it('never puts body values into the message', () => {
    const secretish = 'ada.lovelace@example.com';
    for (const [field, value] of [
      ['/data/score', secretish],
      ['/data/userId', 12345],
      ['/data/timestamp', secretish],
      ['/data/roles', secretish],
    ] as const) {
      const fixtureName =
        field === '/data/roles' ? 'generic/member.added.json' : 'generic/grade.updated.json';
      const error = expectNormalizeError(() => normalizeLti(withValue(fixtureName, field, value)), {
        code: 'INLET_INVALID_EVENT',
        field,
      });
      expect(error.message).not.toContain(String(value));
    }
  });

  it('ignores extra fields a sender adds', () => {
    const payload = withValue('generic/member.added.json', '/data/section', 'A');
    payload.signature = 'sha256=ignored';
    expect(normalizeLti(payload).type).toBe('member.added');
  });
});

describe('generic times', () => {
  it('reads a leap second as the second after :59, never as NaN', () => {
    const payload = {
      type: 'course.completed',
      timestamp: '2016-12-31T23:59:60Z',
      data: { userId: 'u1', contextId: 'c1' },
    };
    expect(normalizeCommerce(payload).occurredAt).toBe(Date.UTC(2017, 0, 1));
  });
});
