import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Cleanup } from './cleanup.js';
import { imageNodeArgs, startBuiltService } from './ingress-built.js';
import type { IngressBuild } from './ingress-options.js';
import { freePort, startService, type RunningService } from './processes.js';

const ingressDir = fileURLToPath(new URL('../../services/ingress/', import.meta.url));
const systemTestsDir = fileURLToPath(new URL('../', import.meta.url));

/** The sender every benchmark request claims to be. */
export const benchSourceId = 'bench-lti';
const secretVariable = 'BENCH_LTI_SECRET';

export interface BenchSources {
  /** The sources file every ingress of the run reads. */
  file: string;
  /** The HMAC secret of `benchSourceId`, to sign the requests with. */
  secret: string;
}

export interface IngressTarget {
  /** The target's name in the report, e.g. "ingress (tracing on)". */
  name: string;
  build: IngressBuild;
  /** The OTLP endpoint to export spans to; none: tracing off (the service installs no instrumentation). */
  otlpEndpoint: string | undefined;
  /** Where `node --cpu-prof` writes the process's profile (built only); none: not profiled. */
  cpuProfileDir: string | undefined;
  /** Node's flags (built only); none: the image's (Dockerfile CMD), heap cap included. */
  nodeArgs?: string[];
}

/**
 * The real ingress in its own process, with the local stack's environment except for two things: no
 * REDIS_URL (rate limits counted in memory), and a sources file of its own (`writeBenchSources`), because the
 * local senders allow 100 requests a minute and the benchmark would measure 429s. Built: `node dist/main.js`
 * as the image runs it; source: `tsx src/main.ts` as `npm start` runs it.
 */
export async function startIngress(
  target: IngressTarget,
  kafkaEnv: Record<string, string>,
  sources: BenchSources,
  cleanup: Cleanup,
): Promise<RunningService> {
  const port = await freePort();
  const env = {
    // As in `npm start`: the local settings, overridden by the real environment, overridden by the bench.
    ...(await localEnvOfIngress()),
    ...withoutInheritedTracing(process.env),
    ...tracingEnv(target),
    PORT: String(port),
    HOST: '127.0.0.1',
    // The broker's connection variables (KAFKA_BROKERS, and TLS/SASL when it is secured).
    ...kafkaEnv,
    INLET_SOURCES_FILE: sources.file,
    [secretVariable]: sources.secret,
    LOG_LEVEL: 'warn',
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
  };
  const spec = {
    name: target.name,
    cwd: ingressDir,
    env,
    port,
    readyPath: '/health/ready',
    // tsx compiles the sources on first start, then the ingress connects to Kafka and checks its topics.
    readyTimeoutMs: 60_000,
  };
  if (target.build === 'built') {
    const profiling = target.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${target.cpuProfileDir}`] : [];
    const nodeArgs = [...(target.nodeArgs ?? (await imageNodeArgs('ingress'))), ...profiling];
    return startBuiltService({ ...spec, nodeArgs }, cleanup);
  }
  if (target.cpuProfileDir) throw new Error('--cpu-prof profiles the built ingress only (--ingress built)');
  return startService({ ...spec, entry: 'src/main.ts' }, cleanup);
}

/**
 * Each target decides its own tracing: the bench's environment may carry an endpoint (or the variables that
 * turn the SDK off), which must not leak into the other target. The rest of OTEL_* (sampler, OTEL_BSP_*) is
 * kept, so a run can try those settings.
 */
function withoutInheritedTracing(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const {
    REDIS_URL: _rateLimitsInMemory,
    OTEL_EXPORTER_OTLP_ENDPOINT: _endpoint,
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: _tracesEndpoint,
    OTEL_SDK_DISABLED: _disabled,
    OTEL_TRACES_EXPORTER: _exporter,
    ...kept
  } = env;
  return kept;
}

function tracingEnv(target: IngressTarget): Record<string, string> {
  return target.otlpEndpoint ? { OTEL_EXPORTER_OTLP_ENDPOINT: target.otlpEndpoint } : {};
}

/** The bare Fastify baseline (bare-server.ts), launched the same way as the ingress. */
export async function startBareServer(cleanup: Cleanup): Promise<RunningService> {
  const port = await freePort();
  return startService(
    {
      name: 'bare',
      cwd: systemTestsDir,
      entry: 'bench/bare-server.ts',
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
      port,
      readyPath: '/health/ready',
      readyTimeoutMs: 30_000,
    },
    cleanup,
  );
}

/** The ingress's settings for the local stack ("inlet": {"localEnv": {...}} in its package.json). */
async function localEnvOfIngress(): Promise<Record<string, string>> {
  const manifest = JSON.parse(await readFile(join(ingressDir, 'package.json'), 'utf8')) as {
    inlet?: { localEnv?: Record<string, string> };
  };
  return manifest.inlet?.localEnv ?? {};
}

/**
 * Same shape as sources.local.yaml: one hmac LTI sender whose rate limit the benchmark cannot reach, shared by
 * every ingress of the run so the same signed requests serve them all. The secret is random per run.
 */
export async function writeBenchSources(cleanup: Cleanup): Promise<BenchSources> {
  const secret = randomBytes(24).toString('hex');
  const dir = await mkdtemp(join(tmpdir(), 'inlet-bench-'));
  cleanup.add('bench sources file', () => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'sources.bench.yaml');
  await writeFile(
    file,
    [
      '# Written by test/bench for one benchmark run; the secret is random and lives only in this run.',
      'sources:',
      `  - id: ${benchSourceId}`,
      '    family: lti',
      `    auth: { scheme: hmac, secrets: [{ env: ${secretVariable} }] }`,
      '    rateLimit: { max: 100000000, windowSeconds: 60 }',
      '',
    ].join('\n'),
  );
  return { file, secret };
}
