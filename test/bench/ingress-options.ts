import { resolve } from 'node:path';
import { readOptions, type BenchOptions } from './options.js';

/** `built`: `node dist/main.js` as the image runs it; `source`: `tsx src/main.ts` as `npm start` runs it. */
export type IngressBuild = 'built' | 'source';
export type Tracing = 'off' | 'on';

export interface IngressBenchOptions extends BenchOptions {
  ingress: IngressBuild;
  /** The ingress targets measured after the bare baseline, in this order. */
  tracing: Tracing[];
  /** Where each ingress writes its V8 CPU profile (`node --cpu-prof`), one folder per target; none: no profile. */
  cpuProfileDir: string | undefined;
}

const usage =
  'usage: bench:ingress [--duration <seconds>] [--ingress built|source] [--tracing both|off|on] ' +
  '[--cpu-prof <dir>]\n(or BENCH_DURATION, BENCH_INGRESS, BENCH_TRACING, BENCH_CPU_PROF)';

const tracingModes: Record<string, Tracing[]> = { both: ['off', 'on'], off: ['off'], on: ['on'] };

/**
 * The ingress bench's own flags, each also an environment variable (the flag wins); the rest (--duration) is
 * options.ts's. Defaults: the built ingress, tracing off then on, no profile.
 */
export function readIngressOptions(argv = process.argv.slice(2), env = process.env): IngressBenchOptions {
  const values: Record<string, string | undefined> = {
    ingress: env.BENCH_INGRESS,
    tracing: env.BENCH_TRACING,
    'cpu-prof': env.BENCH_CPU_PROF,
  };
  const rest: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const name = /^--([a-z-]+)/.exec(arg)?.[1];
    if (name === undefined || !(name in values)) {
      rest.push(arg);
      continue;
    }
    values[name] = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++index];
  }

  let base: BenchOptions;
  try {
    base = readOptions(rest, env);
  } catch (error) {
    throw new Error(`${(error as Error).message.split('\n')[0]}\n${usage}`);
  }
  const ingress = values.ingress ?? 'built';
  if (ingress !== 'built' && ingress !== 'source') {
    throw new Error(`--ingress must be built or source, got ${ingress}\n${usage}`);
  }
  const tracing = tracingModes[values.tracing ?? 'both'];
  if (!tracing) throw new Error(`--tracing must be both, off or on, got ${values.tracing}\n${usage}`);
  const cpuProfileDir = values['cpu-prof'] ? resolve(values['cpu-prof']) : undefined;
  return { ...base, ingress, tracing, cpuProfileDir };
}
