import { describe, expect, it } from 'vitest';
import {
  createHealthReporter,
  defaultHealthThresholds,
  healthThresholdsFromEnv,
  type HealthSample,
} from '../src/index.js';

function reporterWith(initial: HealthSample, thresholds = defaultHealthThresholds) {
  let sample = initial;
  let clock = 1_000_000;
  const reporter = createHealthReporter(
    () => sample,
    thresholds,
    () => clock,
  );
  return {
    report: () => reporter.report(),
    set: (next: Partial<HealthSample>) => (sample = { ...sample, ...next }),
    advance: (seconds: number) => (clock += seconds * 1000),
    stop: reporter.stop,
  };
}

describe('the health report', () => {
  const running: HealthSample = { running: true, succeeded: 0, failed: 0, queueSize: 0 };

  it('is healthy with no failures and a short queue, and says when it last processed', () => {
    const health = reporterWith({ ...running, lastProcessedAt: Date.parse('2026-11-23T12:00:00Z') });
    expect(health.report()).toEqual({
      status: 'healthy',
      lastProcessed: '2026-11-23T12:00:00.000Z',
      failureRate: 0,
      queueSize: 0,
      reasons: [],
      windowSeconds: 300,
    });
    health.stop();
  });

  it('degrades on a failure rate over the threshold within the window, and recovers once it leaves it', () => {
    const health = reporterWith(running);
    health.report();
    health.set({ succeeded: 90, failed: 10 });
    health.advance(10);
    expect(health.report()).toMatchObject({ status: 'degraded', failureRate: 0.1 });
    expect(health.report().reasons[0]).toMatch(/10\.0% of events failed in the last 300 s/);

    health.advance(400);
    health.report();
    health.set({ succeeded: 190 });
    health.advance(10);
    expect(health.report()).toMatchObject({ status: 'healthy', failureRate: 0 });
    health.stop();
  });

  it('is unhealthy when not consuming, or when the queue passes the unhealthy size', () => {
    const stopped = reporterWith({ ...running, running: false, lastError: 'topic missing' });
    expect(stopped.report()).toMatchObject({
      status: 'unhealthy',
      reasons: ['not consuming: topic missing'],
    });
    stopped.stop();

    const backlog = reporterWith({ ...running, queueSize: 2_000 });
    expect(backlog.report()).toMatchObject({ status: 'degraded', reasons: ['2000 events waiting'] });
    backlog.set({ queueSize: 20_000 });
    expect(backlog.report().status).toBe('unhealthy');
    backlog.stop();
  });

  it('takes its thresholds from the environment and names a bad one', () => {
    expect(healthThresholdsFromEnv({ HEALTH_DEGRADED_QUEUE_SIZE: '50' }).degradedQueueSize).toBe(50);
    expect(() => healthThresholdsFromEnv({ HEALTH_DEGRADED_FAILURE_RATE: '2' })).toThrow(
      /HEALTH_DEGRADED_FAILURE_RATE/,
    );
  });
});
