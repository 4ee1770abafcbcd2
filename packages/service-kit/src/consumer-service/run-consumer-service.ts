import type { TProperties } from 'typebox';
import {
  createKafkaClient,
  describeKafkaConnection,
  explainKafkaConnectError,
  loadKafkaConnection,
} from '@inlet/kafka-runtime';
import { createEventCodec, createRegistry } from '@inlet/schemas';
import { runService } from '../lifecycle.js';
import { createLogger } from '../logger.js';
import { consumerHealthReporter } from './consumer-health.js';
import type { ConsumerService } from './define-consumer-service.js';
import { createPool } from './pool.js';

/** What the process closes last: the OpenTelemetry SDK started by main.ts (startTelemetry). */
export interface TelemetryHandle {
  shutdown(): Promise<unknown>;
}

/**
 * Runs a consumer service's process until SIGTERM/SIGINT: reads its configuration, migrates its schema, serves
 * the read API, consumes its topic, and shuts down gracefully (runService). main.ts calls it once telemetry
 * has started.
 */
export async function runConsumerService<Own extends TProperties, Metrics, Dependencies>(
  service: ConsumerService<Own, Metrics, Dependencies>,
  telemetry: TelemetryHandle,
): Promise<void> {
  const { name, definition } = service;
  const config = service.loadConfig();
  // Read before anything starts: a bad Kafka setting stops the process here, naming the variable.
  const connection = loadKafkaConnection(process.env);
  const log = createLogger({ service: name, level: config.LOG_LEVEL });
  log.info(describeKafkaConnection(connection));
  const pool = createPool({
    connectionString: config.DATABASE_URL,
    max: config.DATABASE_POOL_MAX,
    applicationName: `inlet-${name}`,
    onIdleError: (error) => log.warn({ err: error }, 'an idle database connection failed; it is replaced'),
  });
  const metrics = service.createMetrics();
  const opened = definition.open?.({ config, log, metrics });
  const kafka = createKafkaClient({
    connection,
    clientId: `inlet-${name}`,
    logger: log.child({ component: 'kafka' }),
  });
  const consumer = service.createConsumer({
    kafka,
    pool,
    codec: createEventCodec({
      registry: createRegistry({ SCHEMA_REGISTRY_URL: config.SCHEMA_REGISTRY_URL }),
    }),
    log: log.child({ component: 'consumer' }),
    metrics,
    dependencies: opened?.value as Dependencies,
  });
  const health = consumerHealthReporter(() => consumer.status());

  await runService({
    name,
    log,
    listen: { port: config.PORT, host: config.HOST },
    app: await service.buildApp({
      pool,
      consumerStatus: () => consumer.status(),
      metrics,
      health: health.report,
      logger: log,
    }),
    prepare: {
      failure: 'migrations failed: not starting',
      run: async () => {
        const applied = await service.migrate(pool, log.child({ component: 'migrations' }));
        log.info({ applied }, applied.length > 0 ? 'migrations applied' : 'schema up to date');
      },
    },
    worker: {
      name: 'consumer',
      start: () => consumer.start(),
      stop: (timeoutMs) => consumer.stop(timeoutMs),
    },
    // A wrong password or an untrusted CA stops the service at its first contact with Kafka, naming the setting.
    explainStartFailure: (error) => explainKafkaConnectError(error, connection),
    resources: [
      ...(opened ? [[`${name} dependencies`, opened.close] as [string, () => Promise<unknown>]] : []),
      ['database pool', () => pool.end()],
      ['telemetry', () => telemetry.shutdown()],
    ],
    ...(opened?.readyFields ? { readyFields: opened.readyFields } : {}),
  });
}
