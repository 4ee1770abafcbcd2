import { fileURLToPath } from 'node:url';
import type { ServiceName } from '@inlet/topics';
import type { Cleanup } from './cleanup.js';
import { freePort, startService, type RunningService } from './processes.js';

const servicesDir = fileURLToPath(new URL('../../services/', import.meta.url));

export interface ConsumerServiceEnv {
  /** The broker's connection variables (KAFKA_BROKERS, and TLS/SASL when it is secured). */
  kafkaEnv: Record<string, string>;
  databaseUrl: string;
  /** Where the service exports its spans (OTEL_EXPORTER_OTLP_ENDPOINT); none: tracing off. */
  otlpEndpoint?: string;
}

/**
 * One instance of a consumer service as production runs it (`npx tsx src/main.ts` in services/<service>, its
 * own process), on the run's fresh database. Tracing is on only with `otlpEndpoint`: no OTEL_* variable of the
 * bench's environment reaches the service, so a run with tracing off is off whatever the shell says.
 */
export async function startConsumerService(
  service: ServiceName,
  { kafkaEnv, databaseUrl, otlpEndpoint }: ConsumerServiceEnv,
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
        ...(otlpEndpoint ? { OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint } : {}),
      },
      port,
      readyPath: '/health/ready',
      // tsx compiles the service on first start, then it migrates and joins its consumer group.
      readyTimeoutMs: 120_000,
    },
    cleanup,
  );
}
