// The senders of one hostile-requests run: its route families, their sources (ids of this run only) and
// secrets, and the request shape the generators produce.
import { randomBytes } from 'node:crypto';

export type Family = 'lti' | 'services' | 'commerce' | 'internal';
export const families: readonly Family[] = ['lti', 'services', 'commerce', 'internal'];

// Room for the deepest generated nesting (6 bytes a level); oversized bodies go past it.
export const bodyLimit = 262_144;

// Source ids of this run only, so a record on a topic can be told apart from other tests' records.
export const run = randomBytes(4).toString('hex');
export const sourceOf: Record<Family, string> = {
  lti: `hostile-lti-${run}`,
  services: `hostile-service-${run}`,
  commerce: `hostile-stripe-${run}`,
  internal: `hostile-platform-${run}`,
};
export const secrets = {
  HOSTILE_LTI: 'hostile-lti-secret',
  HOSTILE_SERVICE: 'hostile-service-api-key',
  HOSTILE_STRIPE: 'whsec_hostile_stripe_secret',
  HOSTILE_PLATFORM: 'hostile-platform-jwt-secret-of-32-bytes!',
};
// Rate limits far above the request count: this test is about refusals, not budgets.
export const sourcesFile = `sources:
  - id: ${sourceOf.lti}
    family: lti
    auth: { scheme: hmac, secrets: [{ env: HOSTILE_LTI }] }
    rateLimit: { max: 1000000, windowSeconds: 60 }
  - id: ${sourceOf.services}
    family: services
    auth: { scheme: api-key, secrets: [{ env: HOSTILE_SERVICE }] }
    rateLimit: { max: 1000000, windowSeconds: 60 }
  - id: ${sourceOf.commerce}
    family: commerce
    auth: { scheme: stripe, secrets: [{ env: HOSTILE_STRIPE }] }
    rateLimit: { max: 1000000, windowSeconds: 60 }
  - id: ${sourceOf.internal}
    family: internal
    auth: { scheme: jwt, issuer: hostile-platform, audience: inlet, algorithms: [HS256], secrets: [{ env: HOSTILE_PLATFORM }] }
    rateLimit: { max: 1000000, windowSeconds: 60 }
`;

export interface HostileRequest {
  family: Family;
  /** Which kind of hostility, for the tally. */
  kind: string;
  path: string;
  /** undefined: sign it correctly for the family; otherwise exactly these headers. */
  headers?: Record<string, string>;
  contentType: string;
  body: string;
}
