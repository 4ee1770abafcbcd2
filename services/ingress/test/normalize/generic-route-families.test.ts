/** Each route accepts only its own family of generic types, and says which it accepts. */
import { describe, expect, it } from 'vitest';
import { normalizeCommerce, normalizeLti, normalizeService } from '../../src/normalize/index.js';
import { expectNormalizeError, fixture } from './helpers.js';

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
