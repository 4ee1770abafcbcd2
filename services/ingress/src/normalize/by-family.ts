/**
 * The normalizer of each route family, by name: for a payload that did not come through a route (an unmapped
 * webhook replayed by `inlet unmapped replay`), the same code the route runs.
 */
import type { RouteFamily } from '@inlet/webhook-contract';
import { normalizeInternal } from './internal.js';
import { normalizeCommerce, normalizeLti, normalizeService } from './routes.js';
import type { NormalizedEvent } from './types.js';

export { isRouteFamily, routeFamilies } from '@inlet/webhook-contract';

/**
 * The canonical event for `payload` as the route of `family` would make it today; throws the route's
 * NormalizeError otherwise. The internal route takes its type from the URL: `internalEventType`.
 */
export function normalizeForFamily(
  family: RouteFamily,
  payload: unknown,
  internalEventType?: string | null,
): NormalizedEvent {
  switch (family) {
    case 'lti':
      return normalizeLti(payload);
    case 'services':
      return normalizeService(payload);
    case 'commerce':
      return normalizeCommerce(payload);
    case 'internal':
      if (!internalEventType) throw new Error('the internal route needs the event type of its URL');
      return normalizeInternal(internalEventType, payload);
  }
}
