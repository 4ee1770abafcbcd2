import { expect, it } from 'vitest';
import type { ConsumerUnderTest } from './consumer-under-test.js';

/**
 * The checks every consumer service's process must pass, registered as the LAST tests of its consumer suite
 * (the second stops the consumer):
 * - one /metrics page shows the runtime's metrics and the service's own (`serviceMetrics`: a name it must
 *   contain, or a pattern it must match, e.g. a counter that the suite's events must have moved);
 * - /health/ready answers 503, naming the consumer, once the consumer has stopped.
 */
export function itServesMetricsAndHealth(
  service: Pick<ConsumerUnderTest<unknown>, 'consumer' | 'get'>,
  { serviceMetrics }: { serviceMetrics: (string | RegExp)[] },
): void {
  it('one /metrics shows the consumer runtime and the service', async () => {
    const body = (await service.get('/metrics')).body;
    expect(body).toContain('inlet_consumer_messages_total');
    for (const expected of serviceMetrics) {
      if (typeof expected === 'string') expect(body).toContain(expected);
      else expect(body).toMatch(expected);
    }
  });

  it('is not ready once the consumer has stopped', async () => {
    await service.consumer.stop();
    const ready = await service.get('/health/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ checks: { consumer: 'failing', database: 'ok' } });
  });
}
