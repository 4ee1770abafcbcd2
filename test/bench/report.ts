import { cpus, loadavg, totalmem } from 'node:os';
import type { AutocannonResult } from './autocannon.js';
import { acceptedCount, unexpectedStatuses, type KafkaDelivery } from './checks.js';
import type { IngressBenchOptions } from './ingress-options.js';
import { roundsFor } from './ingress-rounds.js';
import type { TargetResult } from './load.js';
import type { OtlpSinkCounts } from './otlp-sink.js';
import type { MemoryOverRun } from './process-memory.js';

export interface MachineFacts {
  cpus: string;
  memory: string;
  /** The 1-minute load average when the bench started: a busy machine explains slow figures. */
  loadAtStart: string;
  node: string;
}

/** Read before anything starts, so the load average is the machine's, not the bench's. */
export function machineFacts(): MachineFacts {
  const processors = cpus();
  return {
    cpus: `${processors.length} × ${processors[0]?.model.trim() ?? 'unknown'}`,
    memory: `${mib(totalmem()).toFixed(0)} MiB`,
    loadAtStart: loadavg()[0]!.toFixed(2),
    node: process.version,
  };
}

/** One ingress target's measured load and what Kafka holds for it. */
export interface IngressRun {
  result: TargetResult;
  delivery: KafkaDelivery;
}

export interface IngressReport {
  machine: MachineFacts;
  kafkaVersion: string;
  options: IngressBenchOptions;
  bare: TargetResult;
  /** In the order they ran: tracing off, then on (either may be left out with --tracing). */
  ingresses: IngressRun[];
  /** What the traced ingress exported, and the 202s it answered meanwhile (warm-up included). */
  exported?: { counts: OtlpSinkCounts; accepted: number };
  problems: string[];
}

const launch: Record<IngressBenchOptions['ingress'], string> = {
  built: 'built, node dist/main.js as the image runs it',
  source: 'sources, tsx src/main.ts as npm start runs it',
};

export function printReport(report: IngressReport): void {
  const { machine, kafkaVersion, options, bare, ingresses, problems } = report;
  const targets = [bare, ...ingresses.map((run) => run.result)];
  const lines = [
    '',
    `machine: ${machine.cpus}, ${machine.memory} RAM, load average at start ${machine.loadAtStart}`,
    `node ${machine.node}, Kafka ${kafkaVersion}`,
    `load: ${options.connections} connections, ${options.warmupSeconds} s warm-up + ${options.durationSeconds} s ` +
      `measured per target, ${options.distinctRequests} distinct signed grade.updated webhooks`,
    ...(ingresses.length > 1
      ? [
          `ingresses measured in turns: ${ingresses.length} rounds of ${measuredPerTurn(options, ingresses.length)} s, ` +
            "off-on then on-off (p50/p99: the turns' request-weighted mean)",
        ]
      : []),
    `ingress: ${launch[options.ingress]}`,
    '',
    ...table(
      [
        'target',
        'req/s (mean)',
        'accepted/s',
        'p50 ms',
        'p99 ms',
        'errors',
        'non-2xx',
        'CPU ms/202',
        'peak RSS MiB',
      ],
      targets.map((result) => [
        result.target,
        result.measured.requests.average.toFixed(0),
        (acceptedCount(result.measured) / result.measured.duration).toFixed(0),
        result.measured.latency.p50.toFixed(1),
        result.measured.latency.p99.toFixed(1),
        String(result.measured.errors),
        String(result.measured.non2xx),
        cpuPerAccepted(result).toFixed(3),
        mib(result.memory.peakRssBytes).toFixed(1),
      ]),
    ),
    '',
    ...ingresses.map(({ result }) => `${result.target}/bare: ${comparison(result, bare)}`),
    ...tracingLine(ingresses),
    ...targets.map((result) => memoryLine(result.target, result.memory)),
    ...ingresses.map(({ result, delivery }) => kafkaLine(result.target, delivery)),
    ...(report.exported ? [exportLine(report.exported.counts, report.exported.accepted)] : []),
    ...targets.flatMap(({ target, warmup, measured }) => statusLines(target, warmup, measured)),
    '',
    problems.length === 0
      ? 'PASS: every ingress request answered 202 and every 202 is on Kafka'
      : ['FAIL:', ...problems.map((problem) => `  - ${problem}`)].join('\n'),
  ];
  console.log(lines.join('\n'));
}

function measuredPerTurn(options: IngressBenchOptions, targets: number): number {
  return Math.max(1, Math.round(options.durationSeconds / roundsFor(targets)));
}

/** CPU milliseconds the target's process spent per 202 of the measured run. */
function cpuPerAccepted(result: TargetResult): number {
  const accepted = acceptedCount(result.measured);
  return accepted > 0 ? (result.cpuSeconds * 1000) / accepted : NaN;
}

function comparison(result: TargetResult, base: TargetResult): string {
  return (
    `throughput ${ratio(result.measured.requests.average, base.measured.requests.average)}, ` +
    `p99 latency ${ratio(result.measured.latency.p99, base.measured.latency.p99)}, ` +
    `CPU per 202 ${ratio(cpuPerAccepted(result), cpuPerAccepted(base))}`
  );
}

/** The cost of tracing, when both ingresses ran: on against off, measured minutes apart in the same run. */
function tracingLine(ingresses: IngressRun[]): string[] {
  const [off, on] = ingresses.map((run) => run.result);
  if (!off || !on) return [];
  return [`tracing on/off: ${comparison(on, off)}`];
}

function kafkaLine(target: string, delivery: KafkaDelivery): string {
  return (
    `kafka, ${target}: ${delivery.topic} +${delivery.recordsAfter - delivery.recordsBefore} records for ` +
    `${delivery.accepted} 202s (warm-up included; a few more is normal: requests still in flight when a run ` +
    'stopped were produced, but their 202 was not counted)'
  );
}

function exportLine(counts: OtlpSinkCounts, accepted: number): string {
  return (
    `otlp sink: ${counts.exports} exports, ${counts.spans} spans, ${mib(counts.bytes).toFixed(1)} MiB of OTLP/JSON ` +
    `for ${accepted} traced 202s: ${(counts.spans / Math.max(1, accepted)).toFixed(2)} spans per webhook (the ` +
    'last batch may still be queued in the ingress)'
  );
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  // The first column is text (left-aligned), the rest are figures (right-aligned so digits line up).
  const format = (row: string[]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ');
  return [format(header), ...rows.map(format)];
}

function memoryLine(target: string, memory: MemoryOverRun): string {
  return (
    `${target} memory (pid ${memory.pid}): RSS ${mib(memory.lastRssBytes).toFixed(1)} MiB at the end of the load, ` +
    `peak ${mib(memory.peakRssBytes).toFixed(1)} MiB (${memory.samples} samples, 500 ms apart), ` +
    `VmHWM ${mib(memory.hwmBytes).toFixed(1)} MiB`
  );
}

/** Only when something other than 202 came back: which statuses, in which phase. */
function statusLines(target: string, warmup: AutocannonResult, measured: AutocannonResult): string[] {
  const phases = [
    ['warm-up', warmup],
    ['measured', measured],
  ] as const;
  return phases.flatMap(([phase, result]) => {
    const statuses = unexpectedStatuses(result);
    return statuses ? [`${target} ${phase}: ${statuses}`] : [];
  });
}

function ratio(value: number, base: number): string {
  return base > 0 ? `${(value / base).toFixed(2)}×` : 'n/a';
}

function mib(bytes: number): number {
  return bytes / 1024 / 1024;
}
