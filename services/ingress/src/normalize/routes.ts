/**
 * One normalizer per endpoint family. Each tells the sender's format from the payload's shape, and accepts only
 * its own generic types (families.ts).
 */
import { isCaliperEnvelope, isCanvasLiveEvent, normalizeCanvas } from './canvas.js';
import { isJsonObject } from './convert.js';
import { notAnObject, unsupportedEvent } from './errors.js';
import { normalizeGeneric } from './generic.js';
import { isMoodleEvent, normalizeMoodle } from './moodle.js';
import { isStripeEvent, normalizeStripe } from './stripe.js';
import type { NormalizedEvent } from './types.js';

/**
 * POST /webhooks/lti/events: a Canvas Live Event `{metadata, body}`, a Moodle event `{eventname, …}`, or generic
 * `{type, data}` with grade.*, member.* or content.*.
 */
export function normalizeLti(payload: unknown): NormalizedEvent {
  if (!isJsonObject(payload)) throw notAnObject();
  if (isCanvasLiveEvent(payload)) return normalizeCanvas(payload);
  if (isMoodleEvent(payload)) return normalizeMoodle(payload);
  if (isCaliperEnvelope(payload)) {
    throw unsupportedEvent(
      'Canvas Caliper events are not supported; subscribe to Live Events in the Canvas format',
      '/dataVersion',
    );
  }
  return normalizeGeneric('lti', payload);
}

/** POST /webhooks/services/{serviceId}: generic transcription.completed and user.behavior. */
export function normalizeService(payload: unknown): NormalizedEvent {
  if (!isJsonObject(payload)) throw notAnObject();
  return normalizeGeneric('services', payload);
}

/**
 * Payment and learning-progress webhooks: a Stripe event `{object: 'event', …}`, or generic `{type, data}` with
 * payment.*, subscription.*, course.enrolled, course.completed, module.completed or assessment.submitted.
 */
export function normalizeCommerce(payload: unknown): NormalizedEvent {
  if (!isJsonObject(payload)) throw notAnObject();
  if (isStripeEvent(payload)) return normalizeStripe(payload);
  return normalizeGeneric('commerce', payload);
}
