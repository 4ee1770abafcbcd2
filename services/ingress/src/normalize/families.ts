import { genericTypesByFamily, type RouteFamily } from '@inlet/webhook-contract';

export { acceptsGenericType, genericTypesByFamily, type RouteFamily } from '@inlet/webhook-contract';

/** The generic types a family accepts, for the message that refuses another one. */
export function acceptedTypesText(family: RouteFamily): string {
  return genericTypesByFamily[family].join(', ');
}

/** A sender-chosen type is echoed in an error only when it looks like an event name (no personal data). */
export function isSafeEventName(value: string): boolean {
  return /^[a-z0-9_.]{1,100}$/.test(value);
}
