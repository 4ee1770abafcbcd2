import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Cleanup } from './cleanup.js';
import { freePort, startService, type RunningService } from './processes.js';

const ingressDir = fileURLToPath(new URL('../../services/ingress/', import.meta.url));
const systemTestsDir = fileURLToPath(new URL('../', import.meta.url));

/** The sender every benchmark request claims to be. */
export const benchSourceId = 'bench-lti';
const secretVariable = 'BENCH_LTI_SECRET';

export interface RunningIngress extends RunningService {
  /** The HMAC secret of `benchSourceId`, to sign the requests with. */
  secret: string;
}

/**
 * The real ingress as production runs it (`tsx src/main.ts` in its own process), with the local stack's
 * environment except for two things: no REDIS_URL (rate limits counted in memory), and a sources file of its
 * own, because the local senders allow 100 requests a minute and the benchmark would measure 429s.
 */
export async function startIngress(
  kafkaEnv: Record<string, string>,
  cleanup: Cleanup,
): Promise<RunningIngress> {
  const secret = randomBytes(24).toString('hex');
  const sourcesFile = await writeBenchSources(cleanup);
  const { REDIS_URL: _notUsed, ...inherited } = process.env;
  const port = await freePort();
  const service = await startService(
    {
      name: 'ingress',
      cwd: ingressDir,
      entry: 'src/main.ts',
      env: {
        // As in `npm start`: the local settings, overridden by the real environment, overridden by the bench.
        ...(await localEnvOfIngress()),
        ...inherited,
        PORT: String(port),
        HOST: '127.0.0.1',
        // The broker's connection variables (KAFKA_BROKERS, and TLS/SASL when it is secured).
        ...kafkaEnv,
        INLET_SOURCES_FILE: sourcesFile,
        [secretVariable]: secret,
        LOG_LEVEL: 'warn',
        KAFKAJS_NO_PARTITIONER_WARNING: '1',
      },
      port,
      readyPath: '/health/ready',
      // tsx compiles the ingress on first start, then it connects to Kafka and checks its topics.
      readyTimeoutMs: 60_000,
    },
    cleanup,
  );
  return { ...service, secret };
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

/** Same shape as sources.local.yaml: one hmac LTI sender whose rate limit the benchmark cannot reach. */
async function writeBenchSources(cleanup: Cleanup): Promise<string> {
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
  return file;
}
