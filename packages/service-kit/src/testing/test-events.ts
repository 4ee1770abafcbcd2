import { randomUUID } from 'node:crypto';
import type { EventType, InletEvent } from '@inlet/schemas';

/** What a test may set of an event's envelope; the rest comes from the builder's defaults. */
export interface EnvelopeOverrides {
  eventId?: string;
  occurredAt?: number;
  source?: string;
  sourceEventName?: string | null;
}

/**
 * A clock for tests that read as "at 10", "at 20": `at(seconds)` is the epoch-ms time `seconds` after
 * `instant` (an ISO 8601 time).
 */
export function secondsAfter(instant: string): (seconds: number) => number {
  const base = Date.parse(instant);
  if (Number.isNaN(base)) throw new Error(`not an ISO 8601 time: ${instant}`);
  return (seconds) => base + seconds * 1000;
}

/**
 * The envelope builder of a service's test events: each event gets a fresh id, the service's test sender and
 * `occurredAt` unless the test says otherwise, and `receivedAt` now, as the ingress would set it.
 */
export function testEnvelope(defaults: { source: string; occurredAt: number }) {
  return <T extends EventType>(
    type: T,
    data: InletEvent<T>['data'],
    overrides: EnvelopeOverrides = {},
  ): InletEvent<T> => ({
    eventId: overrides.eventId ?? randomUUID(),
    type,
    source: overrides.source ?? defaults.source,
    sourceEventName: overrides.sourceEventName ?? null,
    occurredAt: overrides.occurredAt ?? defaults.occurredAt,
    receivedAt: Date.now(),
    data,
  });
}
