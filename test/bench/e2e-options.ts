export interface E2eBenchOptions {
  /** Webhooks a second, sent at that pace whatever the answers take (an open loop, as senders do). */
  rate: number;
  /** Seconds of measured load. */
  durationSeconds: number;
  /** Seconds at the same rate first, not measured (JIT, connection pools, the consumer's first fetches). */
  warmupSeconds: number;
  /** Seconds without a new applied event after which the drain gives up on the rest. */
  drainQuietSeconds: number;
}

const usage =
  'usage: bench:e2e [--rate <webhooks per second>] [--duration <seconds>]   (or BENCH_RATE, BENCH_DURATION)';

/** Flags win over BENCH_RATE / BENCH_DURATION, which win over the defaults: 1000 a second for 30 s. */
export function readE2eOptions(argv = process.argv.slice(2), env = process.env): E2eBenchOptions {
  let rate = env.BENCH_RATE;
  let duration = env.BENCH_DURATION;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg];
    const value = () => inline ?? argv[++index];
    if (name === '--rate') rate = value();
    else if (name === '--duration') duration = value();
    else throw new Error(`unknown argument ${arg}\n${usage}`);
  }
  const perSecond = rate === undefined ? 1_000 : Number(rate);
  if (!Number.isFinite(perSecond) || perSecond < 1) {
    throw new Error(`the rate must be a number of webhooks per second >= 1, got ${rate}\n${usage}`);
  }
  const seconds = duration === undefined ? 30 : Number(duration);
  if (!Number.isFinite(seconds) || seconds < 1) {
    throw new Error(`the duration must be a number of seconds >= 1, got ${duration}\n${usage}`);
  }
  return { rate: perSecond, durationSeconds: seconds, warmupSeconds: 3, drainQuietSeconds: 10 };
}
