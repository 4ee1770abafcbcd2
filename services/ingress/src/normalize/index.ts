export type { NormalizedEvent } from './types.js';
export { NormalizeError, type NormalizeErrorCode } from './errors.js';
export { genericTypesByFamily, type RouteFamily } from './families.js';
export { normalizeLti, normalizeService, normalizeCommerce } from './routes.js';
export { normalizeInternal } from './internal.js';
