import { fire, type AutocannonResult, type LoadClient, type LoadRequest } from './autocannon.js';
import type { BenchOptions } from './options.js';
import { sampleMemory, type MemoryOverRun } from './process-memory.js';
import type { RunningService } from './processes.js';

export interface TargetResult {
  target: string;
  warmup: AutocannonResult;
  measured: AutocannonResult;
  /** The target's node process during the measured load. */
  memory: MemoryOverRun;
}

const memorySampleIntervalMs = 500;

/** Warms the target up, then measures it under the same load every target gets. */
export async function loadTarget(
  service: RunningService,
  requests: LoadRequest[],
  options: BenchOptions,
): Promise<TargetResult> {
  const run = (seconds: number) =>
    fire({
      url: `${service.url}${requests[0]!.path}`,
      connections: options.connections,
      duration: seconds,
      timeout: 10,
      requests,
      setupClient: startEachConnectionElsewhere(requests, options.connections),
    });

  console.error(`[bench] ${service.name}: ${options.warmupSeconds} s warm-up`);
  const warmup = await run(options.warmupSeconds);
  console.error(
    `[bench] ${service.name}: ${options.durationSeconds} s measured, ${options.connections} connections`,
  );
  const sampler = sampleMemory(service.nodePid, memorySampleIntervalMs);
  const measured = await run(options.durationSeconds);
  const memory = await sampler.stop();
  return { target: service.name, warmup, measured, memory };
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
