import { quantileMs, type ScrapedHistogram } from './consumer-metrics.js';
import { machineLines, table } from './consumer-report.js';
import type { LatencyFigures } from './e2e-latency.js';
import { inFlightCap, type LoadOutcome } from './e2e-load.js';
import type { E2eBenchOptions } from './e2e-options.js';
import type { MachineFacts } from './report.js';

export interface E2eReport {
  machine: MachineFacts;
  kafkaVersion: string;
  options: E2eBenchOptions;
  load: LoadOutcome;
  latency: LatencyFigures | undefined;
  /** The grades consumer's inlet_consumer_end_to_end_seconds at the end of the run. */
  endToEnd: ScrapedHistogram;
  lost: string[];
  /** Applied events whose 202 the bench never saw (a request that timed out on its side, say). */
  appliedWithoutAnswer: number;
  problems: string[];
}

/** Why the run fails; empty when it passes: any answer but 202, any request without an answer, any lost event. */
export function findE2eProblems(load: LoadOutcome, lost: string[]): string[] {
  const problems: string[] = [];
  if (load.otherStatuses.size > 0) {
    const statuses = [...load.otherStatuses].map(([status, count]) => `${count} × ${status}`).join(', ');
    problems.push(`the ingress answered ${statuses} (only 202 is correct)`);
  }
  for (const [message, count] of load.errors) problems.push(`${count} requests got no answer: ${message}`);
  if (load.accepted.length === 0) problems.push('no webhook was accepted');
  if (lost.length > 0) {
    problems.push(
      `${lost.length} accepted events never reached grades.processed_events (e.g. ${lost.slice(0, 3).join(', ')})`,
    );
  }
  return problems;
}

export function printE2eReport(report: E2eReport): void {
  const { options, load, latency, endToEnd, lost } = report;
  const measuredAccepted = load.accepted.filter((webhook) => webhook.measured).length;
  const ms = (value: number | undefined) => (value === undefined ? 'n/a' : value.toFixed(0));
  const lines = [
    '',
    ...machineLines(report.machine, report.kafkaVersion),
    `load: signed grade.updated webhooks at ${options.rate}/s, ${options.warmupSeconds} s warm-up + ` +
      `${options.durationSeconds} s measured, open loop (the pace never waits for answers); one ingress and ` +
      'one grades instance, each its own process',
    '',
    ...table(
      ['rate asked/s', 'sent/s', 'accepted/s', 'accepted', 'p50 ms', 'p99 ms', 'max ms', 'lost', 'result'],
      [
        [
          String(options.rate),
          (load.sentMeasured / load.measuredSeconds).toFixed(0),
          (measuredAccepted / load.measuredSeconds).toFixed(0),
          String(load.accepted.length),
          ms(latency?.p50),
          ms(latency?.p99),
          ms(latency?.max),
          String(lost.length),
          report.problems.length === 0 ? 'PASS' : 'FAIL',
        ],
      ],
    ),
    '',
    `latency: grades.processed_events.processed_at (PostgreSQL now() of the applying transaction) minus the ` +
      `wall-clock time its 202 arrived, over the ${latency?.count ?? 0} events of the measured run; ` +
      `min ${ms(latency?.min)} ms (the consumer may begin before the 202 is back: ≤ 0 is possible)`,
    `consumer's inlet_consumer_end_to_end_seconds (the ingress's receivedAt to the commit, all ` +
      `${endToEnd.count} events): p50 ${quantileMs(endToEnd, 0.5)} ms, p99 ${quantileMs(endToEnd, 0.99)} ms, ` +
      'interpolated inside its buckets (10, 25, 50, 100, 250 ms ...)',
    `sender: at most ${load.maxInFlight} requests awaiting an answer at once` +
      (load.maxInFlight >= inFlightCap ? ` (the cap: the asked rate was NOT kept)` : '') +
      `; accepted counts the warm-up's 202s too; ${report.appliedWithoutAnswer} applied events had no 202 seen`,
    '',
    report.problems.length === 0
      ? 'PASS: every webhook answered 202 and every accepted event was applied'
      : ['FAIL:', ...report.problems.map((problem) => `  - ${problem}`)].join('\n'),
  ];
  console.log(lines.join('\n'));
}
