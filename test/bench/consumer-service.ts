import { fileURLToPath } from 'node:url';
import type { ServiceName } from '@inlet/topics';
import type { Cleanup } from './cleanup.js';
import { freePort, startService, type RunningService } from './processes.js';

const servicesDir = fileURLToPath(new URL('../../services/', import.meta.url));

export interface ConsumerServiceEnv {
  /** The broker's connection variables (KAFKA_BROKERS, and TLS/SASL when it is secured). */
  kafkaEnv: Record<string, string>;
  databaseUrl: string;
}

/**
 * One instance of a consumer service as production runs it (`npx tsx src/main.ts` in services/<service>, its
 * own process), on the run's fresh database. Tracing is off whatever the bench's environment says: the
 * figures are the consumer's, not the instrumentations' (bench:ingress measures that cost).
 */
export async function startConsumerService(
  service: ServiceName,
  { kafkaEnv, databaseUrl }: ConsumerServiceEnv,
  cleanup: Cleanup,
): Promise<RunningService> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('OTEL_') && !name.startsWith('KAFKA_')),
  );
  const port = await freePort();
  return startService(
    {
      name: service,
      cwd: `${servicesDir}${service}`,
      entry: 'src/main.ts',
      env: {
        ...inherited,
        ...kafkaEnv,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        KAFKAJS_NO_PARTITIONER_WARNING: '1',
      },
      port,
      readyPath: '/health/ready',
      // tsx compiles the service on first start, then it migrates and joins its consumer group.
      readyTimeoutMs: 120_000,
    },
    cleanup,
  );
}
