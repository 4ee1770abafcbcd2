/**
 * The health report of our docs' WebhookHealth: healthy / degraded / unhealthy with the reasons, when the last
 * event was processed, the failure rate over a recent window, and the queue size (for a consumer: its lag).
 */
export interface HealthReport {
  status: 'healthy' | 'degraded' | 'unhealthy';
  /** ISO time of the last event taken to a durable outcome, or null. */
  lastProcessed: string | null;
  /** Failed / (succeeded + failed) over the window, 0..1. */
  failureRate: number;
  /** Events waiting: consumer lag summed over partitions. */
  queueSize: number;
  /** Why the status is not healthy, for a person to act on. */
  reasons: string[];
  windowSeconds: number;
}

/** What the report is computed from; a consumer's status() provides all of it. */
export interface HealthSample {
  running: boolean;
  /** Monotonic counters since start. */
  succeeded: number;
  failed: number;
  queueSize: number;
  lastProcessedAt?: number;
  lastError?: string;
}

export interface HealthThresholds {
  degradedFailureRate: number;
  unhealthyFailureRate: number;
  degradedQueueSize: number;
  unhealthyQueueSize: number;
  /** The window of the failure rate. */
  windowSeconds: number;
}

export const defaultHealthThresholds: HealthThresholds = {
  degradedFailureRate: 0.05,
  unhealthyFailureRate: 0.5,
  degradedQueueSize: 1_000,
  unhealthyQueueSize: 10_000,
  windowSeconds: 300,
};

/** Thresholds from HEALTH_* environment variables, each defaulting as above; a bad value names itself. */
export function healthThresholdsFromEnv(env: NodeJS.ProcessEnv = process.env): HealthThresholds {
  const read = (name: string, fallback: number, max = Number.POSITIVE_INFINITY) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0 || value > max) {
      throw new Error(`${name} must be a number between 0 and ${max}, got "${raw}"`);
    }
    return value;
  };
  return {
    degradedFailureRate: read('HEALTH_DEGRADED_FAILURE_RATE', defaultHealthThresholds.degradedFailureRate, 1),
    unhealthyFailureRate: read(
      'HEALTH_UNHEALTHY_FAILURE_RATE',
      defaultHealthThresholds.unhealthyFailureRate,
      1,
    ),
    degradedQueueSize: read('HEALTH_DEGRADED_QUEUE_SIZE', defaultHealthThresholds.degradedQueueSize),
    unhealthyQueueSize: read('HEALTH_UNHEALTHY_QUEUE_SIZE', defaultHealthThresholds.unhealthyQueueSize),
    windowSeconds: read('HEALTH_WINDOW_SECONDS', defaultHealthThresholds.windowSeconds),
  };
}

/**
 * Keeps samples of the counters so the failure rate covers the last `windowSeconds`, not the whole life of the
 * process (a burst of failures an hour ago must not keep a service degraded).
 */
export function createHealthReporter(
  sample: () => HealthSample,
  thresholds: HealthThresholds = defaultHealthThresholds,
  now: () => number = Date.now,
) {
  const history: { at: number; succeeded: number; failed: number }[] = [];
  const record = () => {
    const current = sample();
    const at = now();
    history.push({ at, succeeded: current.succeeded, failed: current.failed });
    while (history.length > 1 && history[1]!.at <= at - thresholds.windowSeconds * 1000) history.shift();
    return current;
  };
  // Sampling between requests keeps the window accurate even when nobody asks for a while.
  const timer = setInterval(record, Math.max(1_000, (thresholds.windowSeconds * 1000) / 30));
  timer.unref();

  return {
    report(): HealthReport {
      const current = record();
      const oldest = history[0]!;
      const succeeded = current.succeeded - oldest.succeeded;
      const failed = current.failed - oldest.failed;
      const failureRate = succeeded + failed === 0 ? 0 : failed / (succeeded + failed);
      const reasons: string[] = [];
      let status: HealthReport['status'] = 'healthy';
      const worsen = (to: HealthReport['status'], reason: string) => {
        reasons.push(reason);
        if (to === 'unhealthy' || status === 'healthy') status = to;
      };
      if (!current.running)
        worsen('unhealthy', `not consuming${current.lastError ? `: ${current.lastError}` : ''}`);
      const rate = `${(failureRate * 100).toFixed(1)}% of events failed in the last ${thresholds.windowSeconds} s`;
      if (failureRate >= thresholds.unhealthyFailureRate) worsen('unhealthy', rate);
      else if (failureRate >= thresholds.degradedFailureRate) worsen('degraded', rate);
      const queue = `${current.queueSize} events waiting`;
      if (current.queueSize >= thresholds.unhealthyQueueSize) worsen('unhealthy', queue);
      else if (current.queueSize >= thresholds.degradedQueueSize) worsen('degraded', queue);
      return {
        status,
        lastProcessed:
          current.lastProcessedAt === undefined ? null : new Date(current.lastProcessedAt).toISOString(),
        failureRate: Math.round(failureRate * 10_000) / 10_000,
        queueSize: current.queueSize,
        reasons,
        windowSeconds: thresholds.windowSeconds,
      };
    },
    stop: () => clearInterval(timer),
  };
}
