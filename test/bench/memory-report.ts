import type { FloodOutcome } from './memory-flood.js';
import type { MemoryBenchOptions } from './memory-options.js';
import { stallAnswers, type StallRun } from './memory-stall.js';
import type { MachineFacts } from './report.js';

export interface MemoryReport {
  machine: MachineFacts;
  kafkaVersion: string;
  options: MemoryBenchOptions;
  nodeArgs: string[];
  runs: StallRun[];
  problems: string[];
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** What makes the run fail: never a figure, only a dead process, a wrong answer or a lost 202. */
export function findStallProblems(run: StallRun): string[] {
  const problems: string[] = [];
  const name = `${run.shape} bodies`;
  if (!run.survived) problems.push(`${name}: the ingress died during the stall (a heap overflow?)`);
  problems.push(...unexpected(`${name}, warm-up`, run.warmup, ['202']));
  problems.push(...unexpected(`${name}, stall`, run.stall, stallAnswers));
  if (run.survived && run.recovery.sent === 0) {
    problems.push(`${name}: the ingress did not accept a webhook within 60 s of the thaw`);
  }
  problems.push(...unexpected(`${name}, after the thaw`, run.recovery, ['202']));
  if (run.recorded < run.accepted) {
    problems.push(
      `${name}: ${run.accepted} webhooks answered 202 but only ${run.recorded} records reached Kafka`,
    );
  }
  return problems;
}

function unexpected(phase: string, outcome: FloodOutcome, allowed: string[]): string[] {
  const answers = [...outcome.answers].filter(([answer]) => !allowed.includes(answer));
  return [
    ...answers.map(([answer, count]) => `${phase}: ${count} answered ${answer}`),
    ...[...outcome.errors].map(([error, count]) => `${phase}: ${count} got no answer (${error})`),
  ];
}

export function printMemoryReport(report: MemoryReport): void {
  const { machine, options } = report;
  const lines = [
    '',
    `machine: ${machine.cpus}, ${machine.memory}, load average at start ${machine.loadAtStart}, Node ${machine.node}, ` +
      `Kafka ${report.kafkaVersion}`,
    `ingress: node ${[...report.nodeArgs, 'dist/main.js'].join(' ')}; broker frozen ${options.stallSeconds} s per shape, ` +
      `${options.connections} senders`,
    '',
    row([
      'bodies',
      'body KiB',
      'idle RSS',
      'peak RSS',
      'peak heap',
      'peak old space',
      'peak in flight',
      'RSS after',
    ]),
    ...report.runs.map((run) =>
      row([
        run.shape,
        (run.bodyBytes / 1024).toFixed(0),
        mib(run.idleRssBytes),
        mib(run.peaks.rss),
        mib(run.peaks.heapUsed),
        mib(run.peaks.oldSpaceUsed),
        mib(run.peaks.inFlightBytes),
        run.survived ? mib(run.rssAfterBytes) : 'died',
      ]),
    ),
    '(MiB)',
    '',
    ...report.runs.map(
      (run) =>
        `${run.shape}: stall ${answersText(run.stall)}; thaw to first 202 ${run.recoverySeconds.toFixed(1)} s, then ` +
        `${answersText(run.recovery)}; ${run.accepted} 202s, ${run.recorded} records; ${run.peaks.samples} samples`,
    ),
    '',
    report.problems.length === 0
      ? 'PASS'
      : `FAIL\n${report.problems.map((problem) => `  - ${problem}`).join('\n')}`,
  ];
  console.log(lines.join('\n'));
}

function answersText(outcome: FloodOutcome): string {
  const parts = [...outcome.answers].map(([answer, count]) => `${count}× ${answer}`);
  const errors = [...outcome.errors].map(([error, count]) => `${count}× no answer (${error})`);
  return `${outcome.sent} sent: ${[...parts, ...errors].join(', ') || 'nothing answered'}`;
}

function row(cells: string[]): string {
  return cells.map((cell, index) => (index === 0 ? cell.padEnd(8) : cell.padStart(14))).join(' ');
}
