import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * kafkajs 2.2.4 (its last release) re-arms a 1 ms timer on every broker connection forever, even when nothing
 * waits: `scheduleCheckPendingRequests` computes `throttledUntil - Date.now()` with `throttledUntil = -1`, so
 * the delay is about minus the epoch, which Node clamps to 1 ms (and Node 24 reports as a TimeoutNegativeWarning).
 * An idle producer spent about 3 % of a core on it. patches/kafkajs+2.2.4.patch (applied by patch-package on
 * install and by deploy/image/build.sh) stops the loop; these tests fail if the patch is not applied.
 */
interface RequestQueue {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  destroy(): void;
}
type RequestQueueClass = new (options: Record<string, unknown>) => RequestQueue;

const RequestQueue = createRequire(import.meta.url)(
  'kafkajs/src/network/requestQueue/index.js',
) as RequestQueueClass;

const queues: RequestQueue[] = [];
function requestQueue(maxInFlightRequests: number | null = null): RequestQueue {
  const logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
  };
  const queue = new RequestQueue({
    maxInFlightRequests,
    requestTimeout: 30_000,
    clientId: 'test',
    broker: 'b:9092',
    logger,
  });
  queues.push(queue);
  return queue;
}

afterEach(() => {
  for (const queue of queues.splice(0)) queue.destroy();
});

describe('kafkajs request queue (patched)', () => {
  it('arms no timer when nothing is pending and nothing is throttled', () => {
    const queue = requestQueue();
    queue.checkPendingRequests(); // what every response from the broker calls
    expect(queue.throttleCheckTimeoutId).toBeNull();
  });

  it('still checks again when requests wait behind the in-flight limit', () => {
    const queue = requestQueue(0);
    queue.pending.push({ correlationId: 1 });
    queue.checkPendingRequests();
    expect(queue.throttleCheckTimeoutId).not.toBeNull();
  });

  it('still checks again at the end of a broker throttle', () => {
    const queue = requestQueue();
    queue.throttledUntil = Date.now() + 60_000;
    queue.checkPendingRequests();
    expect(queue.throttleCheckTimeoutId).not.toBeNull();
  });
});
