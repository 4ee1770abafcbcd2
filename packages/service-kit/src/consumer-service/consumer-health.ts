import { createHealthReporter, healthThresholdsFromEnv, type HealthThresholds } from '../health-report.js';

/** What the health report needs of a consumer's status(). */
export interface ConsumerCounters {
  running: boolean;
  processed: number;
  skipped: number;
  failed: number;
  lag: number;
  lastProcessedAt?: number;
  lastError?: string;
}

/** The WebhookHealth report of a consumer service: applied or skipped events succeed, routed failures fail. */
export function consumerHealthReporter(
  status: () => ConsumerCounters,
  thresholds: HealthThresholds = healthThresholdsFromEnv(),
) {
  return createHealthReporter(() => {
    const current = status();
    return { ...current, succeeded: current.processed + current.skipped, queueSize: current.lag };
  }, thresholds);
}
