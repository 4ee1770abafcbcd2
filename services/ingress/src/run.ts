// The ingress process: reads its configuration, connects to Kafka, listens, and shuts down gracefully.
import { Redis } from 'ioredis';
import {
  BatchingProducer,
  createKafkaClient,
  describeKafkaConnection,
  explainKafkaConnectError,
  loadKafkaConnection,
  watchKafkaConnectivity,
} from '@inlet/kafka-runtime/producer';
import { createEventCodec, createRegistry, createUnmappedCodec } from '@inlet/schemas';
import { createHealthReporter, healthThresholdsFromEnv, runService } from '@inlet/service-kit/service';
import type { Telemetry } from '@inlet/telemetry';
import { buildApp } from './app.js';
import { createVerifier } from './auth/index.js';
import type { Verifier } from './auth/types.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { createDedupeWindow } from './pipeline/dedupe-window.js';
import { tracedProduce } from './pipeline/traced-produce.js';
import { requireIngressTopics } from './require-topics.js';
import { loadSources } from './sources/load-sources.js';

/**
 * Runs the ingress process until SIGTERM/SIGINT (runService: the life every Inlet process shares); main.ts calls
 * it once telemetry has started.
 */
export async function runIngress(telemetry: Telemetry): Promise<void> {
  const config = loadConfig();
  // Read before anything starts: a bad Kafka setting stops the process here, naming the variable.
  const connection = loadKafkaConnection(process.env);
  const log = createLogger(config.LOG_LEVEL);
  log.info(describeKafkaConnection(connection));
  const sources = loadSources(config.INLET_SOURCES_FILE, {
    defaultToleranceSeconds: config.SIGNATURE_TOLERANCE_SECONDS,
  });
  const verifiers = new Map<string, Verifier>(
    sources.map((source) => [source.id, createVerifier(source.auth)]),
  );

  const kafka = createKafkaClient({
    connection,
    clientId: 'inlet-ingress',
    logger: log.child({ component: 'kafka' }),
  });
  const metrics = createMetrics();
  const producer = new BatchingProducer(kafka, {
    lingerMs: config.PRODUCE_LINGER_MS,
    ackTimeoutMs: config.PRODUCE_TIMEOUT_MS,
    onBatch: (records) => metrics.produceBatchSize.observe(records),
  });
  const produceOutcomes = { acknowledged: 0, refused: 0 };
  const connectivity = watchKafkaConnectivity(kafka);

  const registry = createRegistry();
  const codec = createEventCodec({ registry });
  const unmappedCodec = createUnmappedCodec({ registry });
  // The ingress's WebhookHealth: events Kafka acknowledged vs refused, and the records waiting to be produced.
  const health = createHealthReporter(
    () => ({
      running: connectivity.reachable,
      ...(connectivity.lastError ? { lastError: `Kafka unreachable: ${connectivity.lastError}` } : {}),
      succeeded: produceOutcomes.acknowledged,
      failed: produceOutcomes.refused,
      queueSize: producer.queued,
    }),
    healthThresholdsFromEnv(),
  );
  const redis = config.REDIS_URL
    ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false })
    : undefined;
  redis?.on('error', (error) =>
    log.warn(
      { err: error },
      'redis unavailable: rate limits are not enforced and each replica keeps its own dedupe window until it returns',
    ),
  );

  const app = await buildApp({
    sources,
    metrics,
    kafka: connectivity,
    bodyLimit: config.BODY_LIMIT_BYTES,
    maxInFlightBytes: config.MAX_IN_FLIGHT_BYTES,
    retryAfterSeconds: config.RETRY_AFTER_SECONDS,
    trustedProxies: config.TRUSTED_PROXIES.split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
    logger: log,
    health: health.report,
    ...(redis ? { redis } : {}),
    authFailureLimit: { max: config.AUTH_FAILURE_LIMIT, windowSeconds: config.AUTH_FAILURE_WINDOW_SECONDS },
    pipeline: {
      verifierFor: (source) => verifiers.get(source.id)!,
      encode: (event) => codec.encode(event),
      encodeUnmapped: (record) => unmappedCodec.encode(record),
      produce: tracedProduce((record) => producer.send(record), metrics, produceOutcomes),
      dedupe: createDedupeWindow(redis ? { redis } : {}),
      now: Date.now,
    },
  });

  await runService({
    name: 'ingress',
    log,
    listen: { port: config.PORT, host: config.HOST },
    app,
    prepare: {
      failure: 'the ingress could not start',
      run: async () => {
        await requireIngressTopics(kafka);
        await producer.connect();
        await connectivity.start();
      },
    },
    // The first contact with Kafka: a wrong password or an untrusted CA is named here, and stops the process,
    // instead of surfacing later as a generic connection failure.
    explainStartFailure: (error) => explainKafkaConnectError(error, connection),
    // After the HTTP server (runService closes it first; requests in flight finish, their produce included).
    resources: [
      ['producer', () => producer.disconnect()],
      ['kafka connectivity', () => connectivity.stop()],
      ['redis', async () => redis?.disconnect()],
      ['telemetry', () => telemetry.shutdown()],
    ],
    readyFields: { sources: sources.map((source) => `${source.family}/${source.id}`) },
  });
}
