import type { Tracing } from './ingress-options.js';

export type BenchedService = 'grades' | 'payments';

export interface ConsumerBenchOptions {
  services: BenchedService[];
  /** Distinct events produced per service. */
  events: number;
  /** Redeliveries as a share of `events`: the same record (same event id) produced again, later. */
  redeliveryShare: number;
  /** The service's runs on the same records, in this order: tracing off, on (spans to an OTLP sink). */
  tracing: Tracing[];
}

const benched: readonly BenchedService[] = ['grades', 'payments'];

const usage =
  'usage: bench:consumer [--service grades|payments|all] [--events <n>] [--redeliveries <share, e.g. 0.05>]\n' +
  '       [--tracing both|off|on]   (or BENCH_EVENTS=<n>, BENCH_REDELIVERIES=<share>, BENCH_TRACING)';

const tracingModes: Record<string, Tracing[]> = { both: ['off', 'on'], off: ['off'], on: ['on'] };

/**
 * Flags win over BENCH_EVENTS / BENCH_REDELIVERIES / BENCH_TRACING, which win over the defaults (every benched
 * service, 40,000 events each, 5% redeliveries, tracing off then on): a minute or two per service on two
 * shared cores.
 */
export function readConsumerOptions(argv = process.argv.slice(2), env = process.env): ConsumerBenchOptions {
  let service = 'all';
  let events = env.BENCH_EVENTS;
  let redeliveries = env.BENCH_REDELIVERIES;
  let tracingMode = env.BENCH_TRACING ?? 'both';
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg];
    const value = () => inline ?? argv[++index];
    if (name === '--service') service = value() ?? '';
    else if (name === '--events') events = value();
    else if (name === '--redeliveries') redeliveries = value();
    else if (name === '--tracing') tracingMode = value() ?? '';
    else throw new Error(`unknown argument ${arg}\n${usage}`);
  }
  const services = service === 'all' ? [...benched] : benched.filter((candidate) => candidate === service);
  if (services.length === 0) throw new Error(`unknown service "${service}"\n${usage}`);
  const count = events === undefined ? 40_000 : Number(events);
  if (!Number.isSafeInteger(count) || count < 100) {
    throw new Error(`the number of events must be a whole number >= 100, got ${events}\n${usage}`);
  }
  const share = redeliveries === undefined ? 0.05 : Number(redeliveries);
  if (!Number.isFinite(share) || share < 0 || share > 1) {
    throw new Error(`the redelivery share must be between 0 and 1, got ${redeliveries}\n${usage}`);
  }
  const tracing = tracingModes[tracingMode];
  if (!tracing) throw new Error(`--tracing must be both, off or on, got ${tracingMode}\n${usage}`);
  return { services, events: count, redeliveryShare: share, tracing };
}
