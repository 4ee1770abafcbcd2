export type { NormalizedEvent } from './types.js';
export { NormalizeError, type NormalizeErrorCode, type UnknownEvent } from './errors.js';
export { genericTypesByFamily, type RouteFamily } from './families.js';
export { normalizeLti, normalizeService, normalizeCommerce } from './routes.js';
export { normalizeInternal } from './internal.js';
export { isRouteFamily, normalizeForFamily, routeFamilies } from './by-family.js';
