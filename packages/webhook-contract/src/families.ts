import type { EventType } from '@inlet/schemas';

/** The endpoint families of the webhook API; each has its own URL and accepts only its own generic event types. */
export const routeFamilies = ['lti', 'services', 'commerce', 'internal'] as const;

export type RouteFamily = (typeof routeFamilies)[number];

export function isRouteFamily(value: string): value is RouteFamily {
  return (routeFamilies as readonly string[]).includes(value);
}

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

/** The route family whose generic types include `type`; every canonical type has exactly one. */
export function familyOfGenericType(type: EventType): RouteFamily | undefined {
  return routeFamilies.find((family) => acceptsGenericType(family, type));
}
