import { fire, type AutocannonResult, type LoadClient, type LoadRequest } from './autocannon.js';
import { measureCpu } from './process-cpu.js';
import type { BenchOptions } from './options.js';
import { sampleMemory, type MemoryOverRun } from './process-memory.js';
import type { RunningService } from './processes.js';

/** When a measured load ran, in microseconds of the monotonic clock every process on the machine shares. */
export interface LoadWindow {
  startMicros: number;
  endMicros: number;
}

/** One stretch of load on one target: its warm-up (the first stretch only) and its measured run. */
export interface LoadSegment {
  target: string;
  warmup?: AutocannonResult;
  measured: AutocannonResult;
  /** The target's node process during the measured load. */
  memory: MemoryOverRun;
  /** CPU seconds (user + system) the target's node process used during the measured load. */
  cpuSeconds: number;
  /** The clock of `node --cpu-prof`'s timestamps: ingress-profile.ts keeps only the samples in these windows. */
  measuredWindows: LoadWindow[];
}

export interface TargetResult extends LoadSegment {
  warmup: AutocannonResult;
}

const memorySampleIntervalMs = 500;

/** Warms the target up, then measures it under the same load every target gets. */
export async function loadTarget(
  service: RunningService,
  requests: LoadRequest[],
  options: BenchOptions,
): Promise<TargetResult> {
  const segment = await loadSegment(service, requests, options, {
    warmupSeconds: options.warmupSeconds,
    measuredSeconds: options.durationSeconds,
  });
  return { ...segment, warmup: segment.warmup! };
}

/** A warm-up of `warmupSeconds` (none when 0), then `measuredSeconds` measured. */
export async function loadSegment(
  service: RunningService,
  requests: LoadRequest[],
  options: BenchOptions,
  phases: { warmupSeconds: number; measuredSeconds: number },
): Promise<LoadSegment> {
  const run = (seconds: number) =>
    fire({
      url: `${service.url}${requests[0]!.path}`,
      connections: options.connections,
      duration: seconds,
      timeout: 10,
      requests,
      setupClient: startEachConnectionElsewhere(requests, options.connections),
    });

  let warmup: AutocannonResult | undefined;
  if (phases.warmupSeconds > 0) {
    console.error(`[bench] ${service.name}: ${phases.warmupSeconds} s warm-up`);
    warmup = await run(phases.warmupSeconds);
  }
  console.error(
    `[bench] ${service.name}: ${phases.measuredSeconds} s measured, ${options.connections} connections`,
  );
  const sampler = sampleMemory(service.nodePid, memorySampleIntervalMs);
  const cpu = await measureCpu(service.nodePid);
  const startMicros = monotonicMicros();
  const measured = await run(phases.measuredSeconds);
  const measuredWindows = [{ startMicros, endMicros: monotonicMicros() }];
  const cpuSeconds = await cpu.stop();
  const memory = await sampler.stop();
  return {
    target: service.name,
    ...(warmup ? { warmup } : {}),
    measured,
    memory,
    cpuSeconds,
    measuredWindows,
  };
}

/**
 * Every connection walks the same list of webhooks; started at the same place, the requests in flight at any
 * moment would be the same few users. Each connection starts at its own offset instead.
 */
function startEachConnectionElsewhere(requests: LoadRequest[], connections: number) {
  const stride = Math.max(1, Math.floor(requests.length / connections));
  let next = 0;
  return (client: LoadClient) => {
    const offset = (next++ * stride) % requests.length;
    client.setRequests([...requests.slice(offset), ...requests.slice(0, offset)]);
  };
}

function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}
