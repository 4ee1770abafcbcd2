export interface BenchOptions {
  /** Seconds of measured load per target. */
  durationSeconds: number;
  /** Seconds of unmeasured load per target first (JIT, connection pools, Kafka producer batches warm up). */
  warmupSeconds: number;
  connections: number;
  /** Distinct signed webhooks the load cycles through (distinct users, so distinct partition keys). */
  distinctRequests: number;
}

const usage = 'usage: bench:ingress [--duration <seconds>]   (or BENCH_DURATION=<seconds>)';

/**
 * `--duration 5` / `--duration=5` wins over BENCH_DURATION, which wins over the default of 10 s: with Kafka's
 * start, two 2 s warm-ups and the shutdown, the default run stays under a minute.
 */
export function readOptions(argv = process.argv.slice(2), env = process.env): BenchOptions {
  let duration = env.BENCH_DURATION;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--duration') duration = argv[++index];
    else if (arg.startsWith('--duration=')) duration = arg.slice('--duration='.length);
    else throw new Error(`unknown argument ${arg}\n${usage}`);
  }
  const durationSeconds = duration === undefined ? 10 : Number(duration);
  if (!Number.isFinite(durationSeconds) || durationSeconds < 1) {
    throw new Error(`the duration must be a number of seconds >= 1, got ${duration}\n${usage}`);
  }
  return { durationSeconds, warmupSeconds: 2, connections: 50, distinctRequests: 100 };
}
