// The media process: reads its configuration, migrates its schema, serves the read API, consumes
// inlet.media.v1, and shuts down gracefully (the lifecycle is runConsumerService, shared by every consumer).
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
import { loadConfig, transcriptPolicy } from './config.js';
import { createMediaConsumer } from './consumer.js';
import { createPool } from './db.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { migrate } from './migrate.js';
import { createTranscriptFetcher } from './transcripts/fetch-transcript.js';

/** Runs the media process until SIGTERM/SIGINT; main.ts calls it once telemetry has started. */
export async function runMedia(telemetry: Telemetry): Promise<void> {
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
  const policy = transcriptPolicy(config);
  if (policy.allowedHosts.entries.length === 0) {
    log.warn('TRANSCRIPT_HOSTS is empty: every transcription will be refused and dead-lettered');
  }
  if (policy.allowPrivateAddresses) {
    log.warn(
      'TRANSCRIPT_ALLOW_PRIVATE_ADDRESSES=true: transcripts may come from loopback and private addresses; for tests and development only',
    );
  }
  const transcripts = createTranscriptFetcher({
    policy,
    observe: (outcome, seconds) => metrics.transcriptFetches.observe({ outcome }, seconds),
  });
  const kafka = createKafkaClient({
    connection,
    clientId: 'inlet-media',
    logger: log.child({ component: 'kafka' }),
  });
  const consumer = createMediaConsumer({
    kafka,
    pool,
    codec: createEventCodec({
      registry: createRegistry({ SCHEMA_REGISTRY_URL: config.SCHEMA_REGISTRY_URL }),
    }),
    log: log.child({ component: 'consumer' }),
    metrics,
    fetchTranscript: (url) => transcripts.fetch(url),
  });
  const health = consumerHealthReporter(() => consumer.status());

  await runConsumerService({
    // A wrong password or an untrusted CA stops the service at its first contact with Kafka, naming the setting.
    explainStartFailure: (error) => explainKafkaConnectError(error, connection),
    name: 'media',
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
      ['transcript fetcher', () => transcripts.close()],
      ['database pool', () => pool.end()],
      ['telemetry', () => telemetry.shutdown()],
    ],
    readyFields: { transcriptHosts: policy.allowedHosts.entries },
  });
}
