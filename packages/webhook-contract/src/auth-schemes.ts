import type { RouteFamily } from './families.js';

/** How a sender proves who it is; each source of the sources file uses one. */
export const authSchemes = [
  'hmac',
  'api-key',
  'stripe',
  'standard-webhooks',
  'jwt',
  'canvas-jwt',
  'moodle-token',
] as const;

export type AuthScheme = (typeof authSchemes)[number];

/** Which schemes each route family may use: a Stripe secret on the LTI route is a configuration mistake. */
export const schemesByFamily: Record<RouteFamily, readonly AuthScheme[]> = {
  lti: ['hmac', 'canvas-jwt', 'moodle-token'],
  services: ['api-key', 'hmac'],
  commerce: ['stripe', 'standard-webhooks', 'hmac'],
  internal: ['jwt'],
};

export function familyAllowsScheme(family: RouteFamily, scheme: string): scheme is AuthScheme {
  return (schemesByFamily[family] as readonly string[]).includes(scheme);
}

/** Where a scheme's credential travels when the source does not choose: header names are lower-case. */
export const defaultHmacHeader = 'x-webhook-signature';
export const defaultApiKeyHeader = 'x-api-key';
export const defaultMoodleTokenField = 'token';
