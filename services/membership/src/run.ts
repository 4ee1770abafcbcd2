// The membership process: reads its configuration, migrates its schema, serves the read API, consumes
// inlet.membership.v1, and shuts down gracefully (the lifecycle is runConsumerService, shared by every consumer).
import {
  createKafkaClient,
  describeKafkaConnection,
  explainKafkaConnectError,
  loadKafkaConnection,
} from '@inlet/kafka-runtime';
import { createEventCodec, createRegistry } from '@inlet/schemas';
import { consumerHealthReporter, runConsumerService } from '@inlet/service-kit';
import type { Telemetry } from '@inlet/telemetry';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { createMembershipConsumer } from './consumer.js';
import { createPool } from './db.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { migrate } from './migrate.js';

/** Runs the membership process until SIGTERM/SIGINT; main.ts calls it once telemetry has started. */
export async function runMembership(telemetry: Telemetry): Promise<void> {
  const config = loadConfig();
  // Read before anything starts: a bad Kafka setting stops the process here, naming the variable.
  const connection = loadKafkaConnection(process.env);
  const log = createLogger(config.LOG_LEVEL);
  log.info(describeKafkaConnection(connection));
  const pool = createPool({
    connectionString: config.DATABASE_URL,
    max: config.DATABASE_POOL_MAX,
    onIdleError: (error) => log.warn({ err: error }, 'an idle database connection failed; it is replaced'),
  });
  const metrics = createMetrics();
  const kafka = createKafkaClient({
    connection,
    clientId: 'inlet-membership',
    logger: log.child({ component: 'kafka' }),
  });
  const consumer = createMembershipConsumer({
    kafka,
    pool,
    codec: createEventCodec({
      registry: createRegistry({ SCHEMA_REGISTRY_URL: config.SCHEMA_REGISTRY_URL }),
    }),
    log: log.child({ component: 'consumer' }),
    metrics,
  });
  const health = consumerHealthReporter(() => consumer.status());

  await runConsumerService({
    // A wrong password or an untrusted CA stops the service at its first contact with Kafka, naming the setting.
    explainStartFailure: (error) => explainKafkaConnectError(error, connection),
    name: 'membership',
    log,
    listen: { port: config.PORT, host: config.HOST },
    app: await buildApp({
      pool,
      consumerStatus: () => consumer.status(),
      metrics,
      health: health.report,
      logger: log,
    }),
    consumer,
    migrate: () => migrate(pool, log.child({ component: 'migrations' })),
    resources: [
      ['database pool', () => pool.end()],
      ['telemetry', () => telemetry.shutdown()],
    ],
  });
}
