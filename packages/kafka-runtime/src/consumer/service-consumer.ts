import type { Consumer, EachBatchHandler } from 'kafkajs';
import { retryConsumerGroup, serviceTopics } from '@inlet/topics';
import { BatchingProducer } from '../batching-producer.js';
import { createBatchHandler } from './batch-handler.js';
import { BatchProcessor } from './batch-processor.js';
import { ConsumerError } from './consumer-errors.js';
import { ConsumerMetrics } from './consumer-metrics.js';
import { createDlqDepthReader } from './dlq-depth.js';
import { GroupMembership } from './group-membership.js';
import { assertTableName } from './idempotency.js';
import { noTracing, type MessageOutcome } from './message-info.js';
import { NotBeforeGate } from './not-before-gate.js';
import { ProcessedEventsCleanup } from './processed-events-cleanup.js';
import { daysToMs, resolveProcessedRetentionDays } from './processed-retention.js';
import { RetryRouter, assertRetryLadder } from './retry-router.js';
import {
  defaultConcurrency,
  defaultMaxTransactionEvents,
  type ConsumerStatus,
  type ServiceConsumer,
  type ServiceConsumerOptions,
} from './service-consumer-options.js';
import { verifyDatabase, verifyTopics } from './startup-checks.js';

export type { ConsumerStatus, ServiceConsumer, ServiceConsumerOptions } from './service-consumer-options.js';

/**
 * The consumer runtime of one service, after Spring Kafka's non-blocking retries and Uber's retry ladder:
 *
 * - the main topic is read by the service's group; a message that fails is produced to the next retry tier
 *   (`<service>.retry.<delayMs>`) with its not-before time, or to the DLQ, and the main partition moves on;
 * - ONE more consumer, in group `<group>-retry`, reads every tier topic and holds a partition (pause, not
 *   sleep) until its head record is due, so waiting retries never disturb the main group;
 * - the events of a fetched batch are applied together in one PostgreSQL transaction, each with its id in the
 *   processed-events table and under a savepoint of its own (batch-transaction.ts); the table keeps ids for
 *   the retention (processed-retention.ts) and is cleaned in small batches while the consumer runs.
 */
export function createServiceConsumer(options: ServiceConsumerOptions): ServiceConsumer {
  const topics = options.topics ?? serviceTopics(options.service);
  assertTableName(options.processedTable);
  assertRetryLadder(topics);
  const concurrency = positiveInteger('concurrency', options.concurrency ?? defaultConcurrency);
  const maxTransactionEvents = positiveInteger(
    'maxTransactionEvents',
    options.maxTransactionEvents ?? defaultMaxTransactionEvents,
  );
  const now = options.now ?? Date.now;
  // Checked here, before anything connects: a too-short retention stops the service at start.
  const retentionDays = resolveProcessedRetentionDays(topics.service, {
    days: options.processedRetentionDays,
    env: options.env ?? process.env,
  });
  const { kafka, log } = options;
  const sessionTimeout = options.sessionTimeoutMs ?? 30_000;
  const heartbeatInterval = options.heartbeatIntervalMs ?? 3_000;
  const shortestDelay = Math.min(...topics.retryTiers.map((tier) => tier.delayMs));
  const retryMaxWait = options.retryFetchMaxWaitMs ?? clamp(Math.floor(shortestDelay / 4), 50, 1_000);
  // Named in @inlet/topics, where the service's Kafka ACLs grant this group.
  const retryGroup = retryConsumerGroup(topics.consumerGroup);

  const metrics = new ConsumerMetrics(topics.service, options.metricsRegistry);
  const producer = new BatchingProducer(kafka, { ackTimeoutMs: options.produceAckTimeoutMs ?? 10_000 });
  const router = new RetryRouter(producer, topics, now);
  const counts = { processed: 0, skipped: 0, failed: 0, retried: 0, deadLettered: 0 };
  let lastProcessedAt: number | undefined;
  let lastError: { message: string; at: number } | undefined;
  // Set when a message could not reach a durable outcome (PostgreSQL or Kafka down), cleared by the next one.
  let unavailable = false;
  let phase: 'new' | 'starting' | 'running' | 'stopping' | 'stopped' = 'new';
  let stopped: Promise<void> | undefined;

  const onOutcome = (outcome: MessageOutcome) => {
    lastProcessedAt = now();
    unavailable = false;
    if (outcome.result === 'processed') counts.processed++;
    else if (outcome.result === 'skipped_duplicate') counts.skipped++;
    else {
      counts.failed++;
      if (outcome.result === 'retried') counts.retried++;
      else counts.deadLettered++;
    }
  };
  const onUnavailable = (error: unknown) => {
    lastError = { message: (error as Error).message ?? String(error), at: now() };
    unavailable = true;
    log.error({ err: error }, 'could not take a message to a durable outcome: it will be redelivered');
  };
  const processor = (role: 'main' | 'retry', consumerGroup: string) =>
    new BatchProcessor({
      role,
      consumerGroup,
      codec: options.codec,
      handlers: options.handlers,
      pool: options.pool,
      processedTable: options.processedTable,
      router,
      tracing: options.tracing ?? noTracing,
      metrics,
      log,
      now,
      onOutcome,
    });
  const consumerFor = (groupId: string, maxWaitTimeInMs: number) =>
    kafka.consumer({
      groupId,
      sessionTimeout,
      heartbeatInterval,
      maxWaitTimeInMs,
      allowAutoTopicCreation: false,
    });

  const main = consumerFor(topics.consumerGroup, options.fetchMaxWaitMs ?? 1_000);
  const retry = topics.retryTiers.length > 0 ? consumerFor(retryGroup, retryMaxWait) : undefined;
  const gate = retry
    ? new NotBeforeGate({
        consumer: retry,
        now,
        onPause: (topic, _partition, pausedNow) => metrics.paused(topic, pausedNow),
        onResume: (pausedNow) => metrics.resumed(pausedNow),
      })
    : undefined;
  const membership = (consumer: Consumer, name: 'main' | 'retry') =>
    new GroupMembership(consumer, (status) => {
      metrics.member(name, status.joined);
      if (status.lastError && !status.joined) {
        lastError = { message: `${name} consumer: ${status.lastError}`, at: now() };
      }
    });
  const mainMembership = membership(main, 'main');
  const retryMembership = retry ? membership(retry, 'retry') : undefined;

  // Lag after each batch, per partition: the gauge for dashboards, the sum for the health report.
  const lagByPartition = new Map<string, number>();
  for (const consumer of [main, retry]) {
    consumer?.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      const lag = Math.max(0, Number(payload.offsetLag));
      lagByPartition.set(`${payload.topic}/${payload.partition}`, lag);
      metrics.setLag(payload.topic, payload.partition, lag);
    });
  }
  const dlqDepth = createDlqDepthReader(kafka, topics.dlq);
  metrics.readDlqDepthWith(dlqDepth.read);
  const cleanup = new ProcessedEventsCleanup({
    pool: options.pool,
    table: options.processedTable,
    retentionMs: daysToMs(retentionDays),
    intervalMs: options.processedCleanupIntervalMs ?? 10 * 60_000,
    batchSize: options.processedCleanupBatchSize ?? 1_000,
    now,
    log,
    onPass: (pass) => metrics.processedEvents(pass),
  });
  metrics.processedEventsRetentionSeconds(daysToMs(retentionDays) / 1000);

  const handlerFor = (role: 'main' | 'retry', group: string): EachBatchHandler =>
    createBatchHandler({
      processor: processor(role, group),
      gate: role === 'retry' ? gate : undefined,
      maxTransactionEvents,
      heartbeatIntervalMs: heartbeatInterval,
      stopping: () => phase === 'stopping' || phase === 'stopped',
      onUnavailable,
    });

  const runConsumer = async (consumer: Consumer, subscribed: string[], eachBatch: EachBatchHandler) => {
    await consumer.connect();
    // From the beginning: a new group (a new service, or a retry group whose offsets expired) must not skip
    // records produced before it first ran; re-reading old ones is harmless, skipping one would lose it.
    await consumer.subscribe({ topics: subscribed, fromBeginning: true });
    await consumer.run({
      eachBatch,
      eachBatchAutoResolve: false,
      // autoCommit commits only offsets resolved by the batch handler, i.e. durable outcomes (batch-handler.ts).
      autoCommit: true,
      autoCommitInterval: 1_000,
      partitionsConsumedConcurrently: concurrency,
    });
  };

  const shutDown = async () => {
    gate?.clear();
    await dlqDepth.close();
    const results = await Promise.allSettled([main.disconnect(), retry?.disconnect(), cleanup.stop()]);
    for (const result of results) {
      if (result.status === 'rejected')
        log.warn({ err: result.reason }, 'consumer did not disconnect cleanly');
    }
    // After the consumers: a message finishing during their shutdown may still need to produce its retry.
    await producer
      .disconnect()
      .catch((error: unknown) => log.warn({ err: error }, 'producer disconnect failed'));
  };

  return {
    async start() {
      if (phase !== 'new') throw new Error(`the ${topics.service} consumer was already started`);
      phase = 'starting';
      try {
        await verifyDatabase(options.pool, options.processedTable);
        await verifyTopics(kafka, topics);
        await producer.connect();
        await runConsumer(main, [topics.main], handlerFor('main', topics.consumerGroup));
        if (retry)
          await runConsumer(
            retry,
            topics.retryTiers.map((tier) => tier.topic),
            handlerFor('retry', topics.consumerGroup),
          );
        // consumer.run() resolves after joining, or after a failed join was reported as a crash.
        for (const [name, group, state] of [
          ['main', topics.consumerGroup, mainMembership],
          ['retry', retryGroup, retryMembership],
        ] as const) {
          if (state && !state.status.joined) {
            throw new ConsumerError(
              'INLET_CONSUMER_JOIN_FAILED',
              `the ${name} consumer could not join group ${group}: ${state.status.lastError ?? 'unknown reason'}`,
              { retryable: true },
            );
          }
        }
        if (phase !== 'starting')
          throw new Error(`the ${topics.service} consumer was stopped while starting`);
        phase = 'running';
        cleanup.start();
        log.info(
          { service: topics.service, topics: topics.main, group: topics.consumerGroup, retentionDays },
          'consuming',
        );
      } catch (error) {
        phase = 'stopped';
        lastError = { message: (error as Error).message, at: now() };
        await shutDown().catch(() => undefined);
        throw error;
      }
    },

    stop(timeoutMs = 10_000) {
      if (phase === 'new' || phase === 'stopped') {
        phase = 'stopped';
        return stopped ?? Promise.resolve();
      }
      if (stopped) return stopped;
      phase = 'stopping';
      stopped = (async () => {
        let timer: NodeJS.Timeout | undefined;
        const bound = new Promise<'timeout'>(
          (resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)),
        );
        const result = await Promise.race([shutDown().then(() => 'done' as const), bound]);
        clearTimeout(timer);
        if (result === 'timeout') {
          log.warn({ timeoutMs }, 'stop: in-flight work abandoned after the bound; it will be redelivered');
        }
        mainMembership.dispose();
        retryMembership?.dispose();
        phase = 'stopped';
      })();
      return stopped;
    },

    status() {
      const consumers = {
        main: mainMembership.status,
        retry: retryMembership?.status ?? { joined: true },
      };
      const status: ConsumerStatus = {
        running: phase === 'running' && !unavailable && consumers.main.joined && consumers.retry.joined,
        ...counts,
        pausedPartitions: gate?.pausedPartitions ?? 0,
        lag: [...lagByPartition.values()].reduce((sum, lag) => sum + lag, 0),
        consumers,
      };
      if (lastError) {
        status.lastError = lastError.message;
        status.lastErrorAt = lastError.at;
      }
      if (lastProcessedAt !== undefined) status.lastProcessedAt = lastProcessedAt;
      return status;
    },
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new ConsumerError('INLET_CONSUMER_CONFIG_INVALID', `${name} must be a positive integer`, {
      retryable: false,
    });
  }
  return value;
}
