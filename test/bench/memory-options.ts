/** What fills the ingress while the broker is frozen (memory-bodies.ts). */
export type BodyShape = 'text' | 'objects';

export interface MemoryBenchOptions {
  /** Seconds the broker stays frozen while senders keep the ingress full. */
  stallSeconds: number;
  /** The body shapes measured, one stall each, in this order. */
  shapes: BodyShape[];
  /** Bytes per webhook body; default: just under the ingress's BODY_LIMIT_BYTES. */
  bodyBytes: number | undefined;
  /** Senders at once: enough to keep the in-flight budget full with room to spare. */
  connections: number;
  /** Node flags for the ingress instead of the image's (Dockerfile CMD), to size a heap cap; none: the image's. */
  nodeArgs: string[] | undefined;
}

const usage =
  'usage: bench:ingress-memory [--stall <seconds>] [--shape both|text|objects] [--body-bytes <n>] ' +
  "[--connections <n>] [--node-args '<flags>']\n" +
  '(or BENCH_STALL, BENCH_SHAPE, BENCH_BODY_BYTES, BENCH_CONNECTIONS, BENCH_NODE_ARGS)';

const shapeModes: Record<string, BodyShape[]> = {
  both: ['text', 'objects'],
  text: ['text'],
  objects: ['objects'],
};

/** Flags win over the BENCH_* variables, which win over the defaults: a 30 s stall per shape, 64 senders. */
export function readMemoryOptions(argv = process.argv.slice(2), env = process.env): MemoryBenchOptions {
  const values: Record<string, string | undefined> = {
    stall: env.BENCH_STALL,
    shape: env.BENCH_SHAPE,
    'body-bytes': env.BENCH_BODY_BYTES,
    connections: env.BENCH_CONNECTIONS,
    'node-args': env.BENCH_NODE_ARGS,
  };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const [name, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg];
    const key = name!.replace(/^--/, '');
    if (!name!.startsWith('--') || !(key in values)) throw new Error(`unknown argument ${arg}\n${usage}`);
    values[key] = inline ?? argv[++index];
  }
  const stallSeconds = positive('--stall', values.stall, 30);
  const shapes = shapeModes[values.shape ?? 'both'];
  if (!shapes) throw new Error(`--shape must be both, text or objects, got ${values.shape}\n${usage}`);
  const bodyBytes =
    values['body-bytes'] === undefined ? undefined : positive('--body-bytes', values['body-bytes'], 0);
  const connections = positive('--connections', values.connections, 64);
  const nodeArgs = values['node-args']?.split(/\s+/).filter(Boolean);
  return { stallSeconds, shapes, bodyBytes, connections, nodeArgs };
}

function positive(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new Error(`${flag} must be a whole number >= 1, got ${value}\n${usage}`);
  }
  return number;
}
