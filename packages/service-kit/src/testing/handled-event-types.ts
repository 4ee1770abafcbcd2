import { expect, it } from 'vitest';
import { eventTypes } from '@inlet/schemas';
import type { ServiceName } from '@inlet/topics';

/**
 * A service's handlers cover every event type its topic carries, and nothing else: a type without a handler
 * would be dead-lettered, a handler without a type is dead code.
 */
export function itHandlesEveryEventTypeOf(
  service: ServiceName,
  handlers: () => Record<string, unknown>,
): void {
  it(`handle every event type of inlet.${service}.v1 and nothing else`, () => {
    const types = Object.entries(eventTypes)
      .filter(([, info]) => info.service === service)
      .map(([type]) => type);
    expect(types.length).toBeGreaterThan(0);
    expect(Object.keys(handlers()).sort()).toEqual(types.sort());
  });
}
