import type { Admin } from 'kafkajs';
import type { AutocannonResult, Histogram, LoadRequest } from './autocannon.js';
import { acceptedCount, type KafkaDelivery } from './checks.js';
import { recordsOnTopic } from './kafka.js';
import { loadSegment, type LoadSegment, type TargetResult } from './load.js';
import type { BenchOptions } from './options.js';
import type { RunningService } from './processes.js';
import type { IngressRun } from './report.js';

/**
 * The ingress targets measured in turns: with two (tracing off and on), two rounds of half the duration each,
 * off-on then on-off, so a machine that gets busier or quieter during the run (2 shared cores) weighs on both
 * the same. Each target warms up once, before its first turn. What Kafka gained is counted around each turn,
 * since both ingresses write to the same topic.
 */
export async function measureIngresses(
  ingresses: RunningService[],
  requests: LoadRequest[],
  options: BenchOptions,
  kafka: { admin: Admin; topic: string },
): Promise<IngressRun[]> {
  const rounds = roundsFor(ingresses.length);
  const measuredSeconds = Math.max(1, Math.round(options.durationSeconds / rounds));
  const segments = new Map<RunningService, LoadSegment[]>(ingresses.map((ingress) => [ingress, []]));
  const delivery = new Map<RunningService, KafkaDelivery>(
    ingresses.map((ingress) => [
      ingress,
      { topic: kafka.topic, recordsBefore: 0, recordsAfter: 0, accepted: 0 },
    ]),
  );

  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ingresses : [...ingresses].reverse();
    for (const ingress of order) {
      const before = await recordsOnTopic(kafka.admin, kafka.topic);
      const done = segments.get(ingress)!;
      const segment = await loadSegment(ingress, requests, options, {
        warmupSeconds: done.length === 0 ? options.warmupSeconds : 0,
        measuredSeconds,
      });
      const gained = (await recordsOnTopic(kafka.admin, kafka.topic)) - before;
      done.push(segment);
      // Summed over the turns: "before" is 0 and "after" what the target's turns added.
      const counted = delivery.get(ingress)!;
      counted.recordsAfter += gained;
      counted.accepted +=
        (segment.warmup ? acceptedCount(segment.warmup) : 0) + acceptedCount(segment.measured);
    }
  }
  return ingresses.map((ingress) => ({
    result: combineSegments(segments.get(ingress)!),
    delivery: delivery.get(ingress)!,
  }));
}

export function roundsFor(targets: number): number {
  return targets > 1 ? 2 : 1;
}

/**
 * One result from a target's turns: counts and durations add up; req/s is duration-weighted; latency
 * percentiles are the request-weighted mean of each turn's (an approximation: the turns' histograms are gone).
 */
export function combineSegments(segments: LoadSegment[]): TargetResult {
  const [first] = segments;
  if (!first?.warmup) throw new Error('the first turn of a target must include its warm-up');
  const measured = segments.map((segment) => segment.measured);
  const last = segments.at(-1)!;
  return {
    target: first.target,
    warmup: first.warmup,
    measured: combineResults(measured),
    memory: {
      pid: last.memory.pid,
      lastRssBytes: last.memory.lastRssBytes,
      peakRssBytes: Math.max(...segments.map((segment) => segment.memory.peakRssBytes)),
      hwmBytes: last.memory.hwmBytes,
      samples: sum(segments.map((segment) => segment.memory.samples)),
    },
    cpuSeconds: sum(segments.map((segment) => segment.cpuSeconds)),
    measuredWindows: segments.flatMap((segment) => segment.measuredWindows),
  };
}

function combineResults(results: AutocannonResult[]): AutocannonResult {
  if (results.length === 1) return results[0]!;
  const statusCodeStats: Record<string, { count: number }> = {};
  for (const result of results) {
    for (const [status, { count }] of Object.entries(result.statusCodeStats)) {
      statusCodeStats[status] = { count: (statusCodeStats[status]?.count ?? 0) + count };
    }
  }
  const byDuration = results.map((result) => result.duration);
  const byRequests = results.map((result) => result.requests.total);
  return {
    duration: sum(byDuration),
    errors: sum(results.map((result) => result.errors)),
    timeouts: sum(results.map((result) => result.timeouts)),
    non2xx: sum(results.map((result) => result.non2xx)),
    '2xx': sum(results.map((result) => result['2xx'])),
    statusCodeStats,
    latency: combineHistograms(
      results.map((result) => result.latency),
      byRequests,
    ),
    requests: {
      ...combineHistograms(
        results.map((result) => result.requests),
        byDuration,
      ),
      total: sum(byRequests),
      sent: sum(results.map((result) => result.requests.sent)),
    },
  };
}

function combineHistograms(histograms: Histogram[], weights: number[]): Histogram {
  const total = sum(weights);
  const weighted = (pick: (histogram: Histogram) => number) =>
    total > 0 ? sum(histograms.map((histogram, index) => pick(histogram) * weights[index]!)) / total : NaN;
  return {
    average: weighted((histogram) => histogram.average),
    mean: weighted((histogram) => histogram.mean),
    stddev: weighted((histogram) => histogram.stddev),
    min: Math.min(...histograms.map((histogram) => histogram.min)),
    max: Math.max(...histograms.map((histogram) => histogram.max)),
    total: sum(histograms.map((histogram) => histogram.total)),
    p50: weighted((histogram) => histogram.p50),
    p90: weighted((histogram) => histogram.p90),
    p99: weighted((histogram) => histogram.p99),
  };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
