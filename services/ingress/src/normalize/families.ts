import type { EventType } from '@inlet/schemas';

/** The endpoint families of the webhook API; each accepts only its own generic event types. */
export type RouteFamily = 'lti' | 'services' | 'commerce' | 'internal';

/**
 * Generic `{type, data}` types per route. Native formats add their own mappings on top: Canvas and Moodle events
 * on the LTI route may also become assessment.submitted and course.completed; Stripe events on the commerce route
 * become payment.* and subscription.*.
 */
export const genericTypesByFamily: Record<RouteFamily, readonly EventType[]> = {
  lti: [
    'grade.created',
    'grade.updated',
    'grade.deleted',
    'member.added',
    'member.removed',
    'member.updated',
    'content.created',
    'content.updated',
    'content.deleted',
  ],
  services: ['transcription.completed', 'user.behavior'],
  commerce: [
    'payment.success',
    'payment.failed',
    'payment.refunded',
    'subscription.created',
    'subscription.cancelled',
    'course.enrolled',
    'course.completed',
    'module.completed',
    'assessment.submitted',
  ],
  internal: ['video.upload.completed', 'deep_link.created'],
};

export function acceptsGenericType(family: RouteFamily, type: string): type is EventType {
  return (genericTypesByFamily[family] as readonly string[]).includes(type);
}

export function acceptedTypesText(family: RouteFamily): string {
  return genericTypesByFamily[family].join(', ');
}

/** A sender-chosen type is echoed in an error only when it looks like an event name (no personal data). */
export function isSafeEventName(value: string): boolean {
  return /^[a-z0-9_.]{1,100}$/.test(value);
}
