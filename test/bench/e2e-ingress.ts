import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Cleanup } from './cleanup.js';
import { freePort, startService, type RunningService } from './processes.js';

const ingressDir = fileURLToPath(new URL('../../services/ingress/', import.meta.url));

/** The one sender of the run: an LTI platform signing with HMAC. */
export const e2eSourceId = 'bench-e2e-lti';
const secretVariable = 'BENCH_E2E_LTI_SECRET';

export interface E2eIngress extends RunningService {
  /** The HMAC secret of `e2eSourceId`, random per run. */
  secret: string;
}

/**
 * The real ingress in its own process (`npx tsx src/main.ts`, as `npm start` runs it), with tracing off, no
 * REDIS_URL (rate limits and the dedupe window in memory) and a sources file of its own whose one sender has a
 * rate limit the bench cannot reach. Its own starter rather than bench:ingress's targets.ts: that one is shaped
 * for comparing ingress variants, and this bench needs only the plain one.
 */
export async function startE2eIngress(
  kafkaEnv: Record<string, string>,
  cleanup: Cleanup,
): Promise<E2eIngress> {
  const secret = randomBytes(24).toString('hex');
  const dir = await mkdtemp(join(tmpdir(), 'inlet-bench-e2e-'));
  cleanup.add('e2e sources file', () => rm(dir, { recursive: true, force: true }));
  const sourcesFile = join(dir, 'sources.bench.yaml');
  await writeFile(
    sourcesFile,
    [
      '# Written by test/bench/e2e.ts for one run; the secret is random and lives only in this run.',
      'sources:',
      `  - id: ${e2eSourceId}`,
      '    family: lti',
      `    auth: { scheme: hmac, secrets: [{ env: ${secretVariable} }] }`,
      '    rateLimit: { max: 100000000, windowSeconds: 60 }',
      '',
    ].join('\n'),
  );
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('OTEL_') && !name.startsWith('KAFKA_') && name !== 'REDIS_URL',
    ),
  );
  const port = await freePort();
  const service = await startService(
    {
      name: 'ingress',
      cwd: ingressDir,
      entry: 'src/main.ts',
      env: {
        ...inherited,
        ...kafkaEnv,
        PORT: String(port),
        HOST: '127.0.0.1',
        INLET_SOURCES_FILE: sourcesFile,
        [secretVariable]: secret,
        LOG_LEVEL: 'warn',
        KAFKAJS_NO_PARTITIONER_WARNING: '1',
      },
      port,
      readyPath: '/health/ready',
      // tsx compiles the ingress on first start, then it connects to Kafka and checks its topics.
      readyTimeoutMs: 120_000,
    },
    cleanup,
  );
  return { ...service, secret };
}
