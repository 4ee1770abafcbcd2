import { cpus, loadavg, totalmem } from 'node:os';
import type { AutocannonResult } from './autocannon.js';
import { acceptedCount, unexpectedStatuses, type KafkaDelivery } from './checks.js';
import type { TargetResult } from './load.js';
import type { BenchOptions } from './options.js';
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

export function printReport(report: {
  machine: MachineFacts;
  kafkaVersion: string;
  options: BenchOptions;
  bare: TargetResult;
  ingress: TargetResult;
  delivery: KafkaDelivery;
  problems: string[];
}): void {
  const { machine, kafkaVersion, options, bare, ingress, delivery, problems } = report;
  const lines = [
    '',
    `machine: ${machine.cpus}, ${machine.memory} RAM, load average at start ${machine.loadAtStart}`,
    `node ${machine.node}, Kafka ${kafkaVersion}`,
    `load: ${options.connections} connections, ${options.warmupSeconds} s warm-up + ${options.durationSeconds} s ` +
      `measured per target, ${options.distinctRequests} distinct signed grade.updated webhooks`,
    '',
    ...table(
      ['target', 'req/s (mean)', 'accepted/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx'],
      [bare, ingress].map(({ target, measured }) => [
        target,
        measured.requests.average.toFixed(0),
        (acceptedCount(measured) / measured.duration).toFixed(0),
        measured.latency.p50.toFixed(1),
        measured.latency.p99.toFixed(1),
        String(measured.errors),
        String(measured.non2xx),
      ]),
    ),
    '',
    `ingress/bare: throughput ${ratio(ingress.measured.requests.average, bare.measured.requests.average)}, ` +
      `p99 latency ${ratio(ingress.measured.latency.p99, bare.measured.latency.p99)}`,
    memoryLine(ingress.target, ingress.memory),
    memoryLine(bare.target, bare.memory),
    `kafka: ${delivery.topic} +${delivery.recordsAfter - delivery.recordsBefore} records for ` +
      `${delivery.accepted} ingress 202s (warm-up included; a few more is normal: requests still in ` +
      'flight when a run stopped were produced, but their 202 was not counted)',
    ...[bare, ingress].flatMap(({ target, warmup, measured }) => statusLines(target, warmup, measured)),
    '',
    problems.length === 0
      ? 'PASS: every ingress request answered 202 and every 202 is on Kafka'
      : ['FAIL:', ...problems.map((problem) => `  - ${problem}`)].join('\n'),
  ];
  console.log(lines.join('\n'));
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
