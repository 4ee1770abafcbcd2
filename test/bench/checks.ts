import type { AutocannonResult } from './autocannon.js';
import type { TargetResult } from './load.js';

/** What Kafka holds after the ingress's load, against what the ingress promised with its 202s. */
export interface KafkaDelivery {
  topic: string;
  /** Records on the topic before the ingress's warm-up, and after its measured run. */
  recordsBefore: number;
  recordsAfter: number;
  /** 202s the ingress answered, warm-up included: each one promises a record on the topic. */
  accepted: number;
}

export function acceptedCount(result: AutocannonResult): number {
  return result.statusCodeStats['202']?.count ?? 0;
}

/** "3 × 503, 1 × 429" for every status except 202. */
export function unexpectedStatuses(result: AutocannonResult): string {
  return Object.entries(result.statusCodeStats)
    .filter(([status]) => status !== '202')
    .map(([status, { count }]) => `${count} × ${status}`)
    .join(', ');
}

/** Why the run fails; empty when it passes. Speed never fails a run (shared machines are noisy); wrong answers do. */
export function findProblems(bare: TargetResult, ingress: TargetResult, delivery: KafkaDelivery): string[] {
  const problems: string[] = [];
  for (const [phase, result] of [
    ['warm-up', ingress.warmup],
    ['measured run', ingress.measured],
  ] as const) {
    const statuses = unexpectedStatuses(result);
    if (statuses) problems.push(`ingress ${phase}: answered ${statuses} (only 202 is correct)`);
    if (result.errors > 0) {
      problems.push(`ingress ${phase}: ${result.errors} connection errors (${result.timeouts} timeouts)`);
    }
  }
  if (acceptedCount(ingress.measured) === 0) problems.push('ingress measured run: no request was accepted');

  const bareStatuses = unexpectedStatuses(bare.measured) || unexpectedStatuses(bare.warmup);
  if (bareStatuses || bare.measured.errors + bare.warmup.errors > 0) {
    problems.push(
      `the bare baseline failed (${bareStatuses || `${bare.measured.errors + bare.warmup.errors} errors`}): ` +
        'the benchmark itself is broken, its ratios mean nothing',
    );
  }

  const written = delivery.recordsAfter - delivery.recordsBefore;
  if (written < delivery.accepted) {
    problems.push(
      `${delivery.topic}: ${written} new records for ${delivery.accepted} accepted webhooks: ` +
        `${delivery.accepted - written} 202s are not on Kafka`,
    );
  }
  return problems;
}
