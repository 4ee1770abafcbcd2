import type { ConsumerBenchOptions } from './consumer-options.js';
import { quantileMs } from './consumer-metrics.js';
import type { ServiceRunResult, TracingRun } from './consumer-run.js';
import type { MachineFacts } from './report.js';

export function printConsumerReport(report: {
  machine: MachineFacts;
  kafkaVersion: string;
  options: ConsumerBenchOptions;
  results: ServiceRunResult[];
}): void {
  const { machine, kafkaVersion, options, results } = report;
  const lines = [
    '',
    ...machineLines(machine, kafkaVersion),
    `workload: ${options.events} distinct events per service + ${(options.redeliveryShare * 100).toFixed(0)}% ` +
      'redeliveries (the same record again, later on the topic); one service instance, its own process',
    '',
    ...table(
      [
        'service',
        'tracing',
        'events',
        'redelivered',
        'ceiling rec/s',
        'applied ev/s',
        'applied/ceiling',
        'p50 ms',
        'p99 ms',
        'peak RSS MiB',
        'CPU s',
        'CPU µs/event',
        'result',
      ],
      results.flatMap((result) =>
        result.runs.map((run) => [
          result.service,
          run.tracing,
          String(result.events.length),
          String(result.redeliveries),
          result.ceiling.perSecond.toFixed(0),
          run.applying.perSecond.toFixed(0),
          `${(run.applying.perSecond / result.ceiling.perSecond).toFixed(3)}×`,
          quantileMs(run.processing, 0.5),
          quantileMs(run.processing, 0.99),
          mib(run.applying.memory.peakRssBytes).toFixed(0),
          run.applying.cpuSeconds.toFixed(1),
          cpuMicrosPerEvent(run).toFixed(0),
          run.problems.length === 0 ? 'PASS' : 'FAIL',
        ]),
      ),
    ),
    ...tracingCostLines(results),
    '',
    ...results.flatMap(detailLines),
    'p50/p99: inlet_consumer_processing_seconds (per message, start to durable outcome: decode, transaction, ' +
      'commit), scraped from /metrics at the end and interpolated linearly inside its buckets ' +
      '(2, 5, 10, 25, 50, 100, 250 ms ...), as histogram_quantile() does: bucket precision, not exact',
    '',
    ...results.map((result) => {
      const problems = result.runs.flatMap((run) => run.problems);
      return problems.length === 0
        ? `PASS ${result.service}: every distinct event applied exactly once, effects as expected (each run)`
        : [`FAIL ${result.service}:`, ...problems.map((problem) => `  - ${problem}`)].join('\n');
    }),
  ];
  console.log(lines.join('\n'));
}

/** The machine the figures were measured on, as bench:ingress prints it. */
export function machineLines(machine: MachineFacts, kafkaVersion: string): string[] {
  return [
    `machine: ${machine.cpus}, ${machine.memory} RAM, load average at start ${machine.loadAtStart}`,
    `node ${machine.node}, Kafka ${kafkaVersion}`,
  ];
}

function detailLines(result: ServiceRunResult): string[] {
  const { service, ceiling } = result;
  const mix = countBy(result.events.map((event) => event.type));
  return [
    `${service}: mix ${[...mix].map(([type, count]) => `${type} ${count}`).join(', ')}`,
    `${service}: ceiling read ${ceiling.records} records in ${ceiling.seconds.toFixed(2)} s`,
    ...result.runs.flatMap(({ tracing, applying, stray, effects, skippedDuplicates, spans }) => [
      `${service}, tracing ${tracing}: applied ${applying.applied} events in ${applying.seconds.toFixed(2)} s ` +
        `(first applied event to offsets committed at the end), skipped ${skippedDuplicates} redelivered ` +
        `records as duplicates${spans === undefined ? '' : `; exported ${spans} spans`}`,
      `${service}, tracing ${tracing}: ${applying.cpuSeconds.toFixed(1)} CPU s over that time ` +
        `(${((applying.cpuSeconds / Math.max(applying.seconds, 0.001)) * 100).toFixed(0)}% of one core); ` +
        `memory (pid ${applying.memory.pid}): peak RSS ${mib(applying.memory.peakRssBytes).toFixed(1)} MiB ` +
        `(${applying.memory.samples} samples, 500 ms apart), VmHWM ${mib(applying.memory.hwmBytes).toFixed(1)} MiB`,
      `${service}, tracing ${tracing}: ${stray.retried} records on the retry tiers, ${stray.deadLettered} in ` +
        `the DLQ; ${effects.summary}`,
    ]),
    '',
  ];
}

/** The CPU the service's process spent per distinct event applied. */
function cpuMicrosPerEvent(run: TracingRun): number {
  return (run.applying.cpuSeconds / Math.max(run.applying.applied, 1)) * 1e6;
}

/** What tracing costs the consumer: its runs with tracing on against off, on the same records. */
function tracingCostLines(results: ServiceRunResult[]): string[] {
  const pairs = results.flatMap((result) => {
    const off = result.runs.find((run) => run.tracing === 'off');
    const on = result.runs.find((run) => run.tracing === 'on');
    return off && on ? [{ service: result.service, off, on }] : [];
  });
  if (pairs.length === 0) return [];
  return [
    '',
    ...table(
      ['tracing on/off', 'throughput', 'CPU per event', 'CPU added µs/event', 'spans/event'],
      pairs.map(({ service, off, on }) => [
        service,
        `${(on.applying.perSecond / off.applying.perSecond).toFixed(2)}×`,
        `${(cpuMicrosPerEvent(on) / cpuMicrosPerEvent(off)).toFixed(2)}×`,
        `+${(cpuMicrosPerEvent(on) - cpuMicrosPerEvent(off)).toFixed(0)}`,
        ((on.spans ?? 0) / Math.max(on.applying.applied, 1)).toFixed(1),
      ]),
    ),
  ];
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return new Map([...counts].sort((a, b) => b[1] - a[1]));
}

/** Text in the first column (left-aligned), figures in the others (right-aligned so digits line up). */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const format = (row: string[]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ');
  return [format(header), ...rows.map(format)];
}

export function mib(bytes: number): number {
  return bytes / 1024 / 1024;
}
