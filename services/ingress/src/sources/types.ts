import type { RouteFamily } from '@inlet/webhook-contract';
import type { AuthConfig } from '../auth/types.js';

export type { RouteFamily };

export interface RateLimit {
  max: number;
  windowSeconds: number;
}

/** One configured sender, with its secrets already read from the environment or files. */
export interface Source {
  id: string;
  family: RouteFamily;
  auth: AuthConfig;
  /** CIDRs the sender may post from; undefined: anywhere. */
  allowIps?: string[];
  rateLimit: RateLimit;
  /** How long identical bytes from this source, without a sender event id, count as one event. */
  dedupeWindowSeconds: number;
}

/**
 * Covers senders' retry schedules (Canvas re-sends for hours); a sender that needs identical bodies to count as
 * new events sooner sends an `id` or a timestamp, or sets a shorter window.
 */
export const DEFAULT_DEDUPE_WINDOW_SECONDS = 24 * 60 * 60;

/** Our docs' defaults per family, overridable per source. */
export const defaultRateLimits: Record<RouteFamily, RateLimit> = {
  lti: { max: 100, windowSeconds: 60 },
  services: { max: 50, windowSeconds: 60 },
  internal: { max: 200, windowSeconds: 60 },
  // The payments document limits to 100 requests per 15 minutes.
  commerce: { max: 100, windowSeconds: 900 },
};
