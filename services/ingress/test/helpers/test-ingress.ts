import type { FastifyInstance } from 'fastify';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { BatchingProducer, createKafkaClient, type KafkaConnectivity } from '@inlet/kafka-runtime';
import {
  createEventCodec,
  createUnmappedCodec,
  EmbeddedRegistry,
  type InletEvent,
  type SchemaRegistry,
} from '@inlet/schemas';
import { applyTopics, declaredTopics } from '@inlet/topics';
import { kafkaBrokers, uniqueName, waitFor } from '@inlet/test-harness';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { buildApp } from '../../src/app.js';
import { createVerifier } from '../../src/auth/index.js';
import type { Verifier } from '../../src/auth/types.js';
import { createMetrics, type IngressMetrics } from '../../src/metrics.js';
import { tracedProduce } from '../../src/pipeline/traced-produce.js';
import { createDedupeWindow, type DedupeWindow } from '../../src/pipeline/dedupe-window.js';
import { parseSources } from '../../src/sources/load-sources.js';

/** Development secrets of the test sources; tests sign with them. */
export const secrets = {
  lti: 'lti-secret-0123456789',
  ltiPrevious: 'lti-secret-previous-9876543210',
  moodle: 'moodle-token-abcdef',
  apiKey: 'service-api-key-123456',
  stripe: 'whsec_test_stripe_secret',
  standard: 'whsec_' + Buffer.from('standard-webhooks-test-secret').toString('base64'),
  jwt: 'internal-jwt-secret-of-at-least-32-bytes',
};

export const testSourcesDocument = {
  sources: [
    {
      id: 'test-lti',
      family: 'lti',
      auth: { scheme: 'hmac', secrets: [{ env: 'T_LTI' }, { env: 'T_LTI_PREVIOUS' }] },
    },
    { id: 'test-moodle', family: 'lti', auth: { scheme: 'moodle-token', secrets: [{ env: 'T_MOODLE' }] } },
    { id: 'test-service', family: 'services', auth: { scheme: 'api-key', secrets: [{ env: 'T_API_KEY' }] } },
    { id: 'test-stripe', family: 'commerce', auth: { scheme: 'stripe', secrets: [{ env: 'T_STRIPE' }] } },
    {
      id: 'test-progress',
      family: 'commerce',
      auth: { scheme: 'standard-webhooks', secrets: [{ env: 'T_STANDARD' }] },
    },
    {
      id: 'test-platform',
      family: 'internal',
      auth: {
        scheme: 'jwt',
        issuer: 'test-platform',
        audience: 'inlet',
        algorithms: ['HS256'],
        secrets: [{ env: 'T_JWT' }],
      },
    },
    {
      id: 'test-office',
      family: 'lti',
      auth: { scheme: 'hmac', secrets: [{ env: 'T_LTI' }] },
      allowIps: ['10.1.0.0/16'],
    },
    {
      id: 'test-limited',
      family: 'lti',
      auth: { scheme: 'hmac', secrets: [{ env: 'T_LTI' }] },
      rateLimit: { max: 2, windowSeconds: 60 },
    },
  ],
};

export const testEnv = {
  T_LTI: secrets.lti,
  T_LTI_PREVIOUS: secrets.ltiPrevious,
  T_MOODLE: secrets.moodle,
  T_API_KEY: secrets.apiKey,
  T_STRIPE: secrets.stripe,
  T_STANDARD: secrets.standard,
  T_JWT: secrets.jwt,
};

export interface TestIngress {
  app: FastifyInstance;
  kafka: Kafka;
  metrics: IngressMetrics;
  close(): Promise<void>;
}

export interface TestIngressOptions {
  bodyLimit?: number;
  maxInFlightBytes?: number;
  /** Awaited before each produce reaches the real producer: holds requests in flight for as long as a test wants. */
  beforeProduce?: () => Promise<void>;
  redis?: Redis;
  brokers?: string[];
  connectivity?: Pick<KafkaConnectivity, 'reachable' | 'lastError'>;
  produceTimeoutMs?: number;
  trustedProxies?: string[];
  /** More sources (same shape as the sources file), e.g. a canvas-jwt source pointing at a test JWKS. */
  extraSources?: object[];
  /** A pino logger (to read what the ingress logs); silent when absent. */
  logger?: Logger;
  /** The ingress's clock (received times, dedupe windows); Date.now when absent. */
  now?: () => number;
  dedupe?: DedupeWindow;
  authFailureLimit?: { max: number; windowSeconds: number };
  /** Where the codec gets schema ids (e.g. a Confluent registry that is down); the embedded one when absent. */
  registry?: SchemaRegistry;
}

/** The real ingress app (real producer, codec, verifiers) against the run's broker, with the test sources. */
export async function startTestIngress(options: TestIngressOptions = {}): Promise<TestIngress> {
  const brokers = options.brokers ?? kafkaBrokers();
  const kafka = createKafkaClient({
    connection: { brokers, securityProtocol: 'plaintext' },
    clientId: uniqueName('ingress-test'),
    config: { retry: { retries: 1, initialRetryTime: 100 } },
  });
  if (options.brokers) {
    // A broker of the test's own: the run's broker got its topics from the global setup.
    const admin = kafka.admin();
    await admin.connect();
    await applyTopics(admin, declaredTopics({ replicationFactor: 1 }), { replicationFactor: 1 });
    await admin.disconnect();
  }
  const document = { sources: [...testSourcesDocument.sources, ...(options.extraSources ?? [])] };
  const sources = parseSources(document, 'test sources', { env: testEnv });
  const verifiers = new Map<string, Verifier>(
    sources.map((source) => [source.id, createVerifier(source.auth)]),
  );
  const producer = new BatchingProducer(kafka, { ackTimeoutMs: options.produceTimeoutMs ?? 5_000 });
  await producer.connect();
  const registry = options.registry ?? new EmbeddedRegistry();
  const codec = createEventCodec({ registry });
  const unmappedCodec = createUnmappedCodec({ registry });
  const metrics = createMetrics();
  const app = await buildApp({
    sources,
    metrics,
    kafka: options.connectivity ?? { reachable: true, lastError: undefined },
    bodyLimit: options.bodyLimit ?? 1_048_576,
    ...(options.maxInFlightBytes ? { maxInFlightBytes: options.maxInFlightBytes } : {}),
    retryAfterSeconds: 5,
    trustedProxies: options.trustedProxies ?? [],
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.redis ? { redis: options.redis } : {}),
    ...(options.authFailureLimit ? { authFailureLimit: options.authFailureLimit } : {}),
    pipeline: {
      verifierFor: (source) => verifiers.get(source.id)!,
      encode: (event) => codec.encode(event),
      encodeUnmapped: (record) => unmappedCodec.encode(record),
      produce: tracedProduce(async (record) => {
        await options.beforeProduce?.();
        return producer.send(record);
      }, metrics),
      dedupe:
        options.dedupe ??
        createDedupeWindow({
          ...(options.redis ? { redis: options.redis } : {}),
          ...(options.now ? { now: options.now } : {}),
        }),
      now: options.now ?? Date.now,
    },
  });
  await app.ready();
  return {
    app,
    kafka,
    metrics,
    async close() {
      await app.close();
      await producer.disconnect().catch(() => undefined);
    },
  };
}

export interface ConsumedEvent {
  event: InletEvent;
  key: string;
  headers: Record<string, string>;
  partition: number;
}

/** A record read by `watchFromNow`, undecoded, its headers as strings. */
export interface WatchedRecord {
  topic: string;
  partition: number;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/**
 * Hands every record added to `topics` from now on to `onRecord`, with a throwaway group. Starting from the
 * current end makes "nothing was produced" provable: a later sentinel must be the first record. The group seeks
 * to those offsets rather than reading from each partition's beginning, which on a shared broker can be hundreds
 * of thousands of older records; the offset filter keeps the guarantee whatever a fetch returns first.
 */
export async function watchFromNow(
  kafka: Kafka,
  topics: string[],
  onRecord: (record: WatchedRecord) => void | Promise<void>,
) {
  const admin = kafka.admin();
  await admin.connect();
  const starts = new Map<string, Map<number, string>>();
  try {
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      starts.set(topic, new Map(offsets.map((p) => [p.partition, p.offset])));
    }
  } finally {
    await admin.disconnect();
  }
  const consumer = kafka.consumer({ groupId: uniqueName('ingress-watch') });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  void consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      if (BigInt(message.offset) < BigInt(starts.get(topic)?.get(partition) ?? 0)) return;
      await onRecord({
        topic,
        partition,
        key: String(message.key),
        value: message.value!,
        headers: headersOf(message),
      });
    },
  });
  for (const [topic, offsets] of starts) {
    for (const [partition, offset] of offsets) consumer.seek({ topic, partition, offset });
  }
  return { stop: () => consumer.disconnect() };
}

/** Reads a topic from the offsets it has now (watchFromNow), decoding every record. */
export async function watchTopic(kafka: Kafka, topic: string) {
  const codec = createEventCodec({ registry: new EmbeddedRegistry() });
  const seen: ConsumedEvent[] = [];
  const watch = await watchFromNow(kafka, [topic], async ({ partition, key, value, headers }) => {
    seen.push({ event: await codec.decode(value), key, headers, partition });
  });
  return {
    seen,
    async waitForEvent(eventId: string): Promise<ConsumedEvent> {
      return waitFor(() => seen.find((record) => record.event.eventId === eventId), {
        what: `event ${eventId} on ${topic}`,
        timeoutMs: 20_000,
      });
    },
    stop: watch.stop,
  };
}

function headersOf(message: KafkaMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(message.headers ?? {}).map(([key, value]) => [key, String(value)]),
  );
}
