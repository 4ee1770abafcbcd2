import type { Kafka } from 'kafkajs';
import type pg from 'pg';
import type { Registry } from 'prom-client';
import type { ServiceName, ServiceTopics } from '@inlet/topics';
import type { RuntimeLogger } from '../kafka-client.js';
import type { MembershipStatus } from './group-membership.js';
import type { EventDecoder } from './batch-processor.js';
import type { MessageTracing } from './message-info.js';
import type { EventHandlers } from './types.js';

// Chosen with `npm run bench:consumer` (test/bench/README.md, "Tuning"), 40,000 events per service on this
// 2-core machine: throughput moved within the noise between 1 and 6 partitions side by side and between 250 and
// 2,000 events a transaction (grades 10,900-14,600, payments 6,800-9,900 events/s), while the time a message
// waits behind its slice grew with the slice (p99 214 ms at 250, 430 at 500, 965 at 2,000). So: slices of 250,
// and 3 partitions at once, which keeps PostgreSQL busy while one slice waits on its COMMIT.
export const defaultConcurrency = 3;
export const defaultMaxTransactionEvents = 250;

export interface ServiceConsumerOptions {
  kafka: Kafka;
  service: ServiceName;
  /** Override topic names/group/tiers (tests use unique names); defaults to serviceTopics(service). */
  topics?: ServiceTopics;
  /** The service's database. */
  pool: pg.Pool;
  /** Fully qualified table recording processed event ids, e.g. 'grades.processed_events' (see processedEventsTableSql). */
  processedTable: string;
  handlers: EventHandlers;
  codec: EventDecoder;
  /** pino-like. */
  log: RuntimeLogger;
  /**
   * Partitions processed side by side (kafkajs partitionsConsumedConcurrently), each with a transaction open;
   * per-partition order is kept. Default defaultConcurrency.
   */
  concurrency?: number;
  /** Most messages of a partition applied in one transaction. Default defaultMaxTransactionEvents. */
  maxTransactionEvents?: number;
  /** Traces each message (consumerTracing); none by default. */
  tracing?: MessageTracing;
  /** prom-client registry to register the consumer metrics on (consumer-metrics.ts lists them). */
  metricsRegistry?: Registry;
  /** Clock for not-before and failure times (tests). */
  now?: () => number;
  /** Group session timeout: how long a member that stopped heartbeating keeps its partitions. Default 30 s. */
  sessionTimeoutMs?: number;
  /** Heartbeat period, also while a handler runs. Default 3 s (a third of a 10 s session at most is advised). */
  heartbeatIntervalMs?: number;
  /** Longest fetch long-poll on the main topic; also bounds how long stop() waits for an idle fetch. Default 1 s. */
  fetchMaxWaitMs?: number;
  /**
   * Longest fetch long-poll on the retry tiers: a resumed partition is fetched at the latest this long after
   * its head fell due. Default a quarter of the shortest tier delay, between 50 ms and 1 s.
   */
  retryFetchMaxWaitMs?: number;
  /** How long a retry/DLQ produce may wait for Kafka's acknowledgement before the message is redelivered. Default 10 s. */
  produceAckTimeoutMs?: number;
  /**
   * Days a processed event id is kept before the cleanup deletes it. Default: PROCESSED_EVENTS_RETENTION_DAYS
   * from `env`, else the longest retention of the service's topics plus the replay window
   * (defaultProcessedRetentionDays). A value shorter than the longest topic retention is refused.
   */
  processedRetentionDays?: number;
  /** Where PROCESSED_EVENTS_RETENTION_DAYS is read from. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** How often ids past their retention are deleted (processed-events-cleanup.ts). Default 10 minutes. */
  processedCleanupIntervalMs?: number;
  /** Rows per cleanup DELETE, each its own short transaction. Default 1000. */
  processedCleanupBatchSize?: number;
}

/** For /health/ready and operators. */
export interface ConsumerStatus {
  /**
   * Started, not stopping, both the main and the retry consumer members of their groups, and the last message
   * attempted reached a durable outcome (false while PostgreSQL or Kafka refuse it; it is then redelivered).
   */
  running: boolean;
  /** The last reason it could not consume or could not take a message to a durable outcome. */
  lastError?: string;
  lastErrorAt?: number;
  /** When a message last reached a durable outcome (epoch ms). */
  lastProcessedAt?: number;
  /** Effects applied. */
  processed: number;
  /** Duplicates skipped without a second effect. */
  skipped: number;
  /** Processing attempts that failed (each then retried or dead-lettered). */
  failed: number;
  retried: number;
  deadLettered: number;
  /** Retry partitions paused until their head record is due. */
  pausedPartitions: number;
  /** Records not yet processed on the main and retry topics, summed over partitions (the queue size). */
  lag: number;
  consumers: { main: MembershipStatus; retry: MembershipStatus };
}

export interface ServiceConsumer {
  /** Rejects with a message naming what is missing: a topic, the broker, the database or its table. */
  start(): Promise<void>;
  /**
   * Graceful: stops fetching, lets the messages in hand finish, commits their offsets, leaves the groups and
   * disconnects, within `timeoutMs` (default 10 s). Work still running then is abandoned, safely: its offset
   * is not committed, so it is redelivered, and its transaction either commits (then the redelivery is a
   * skipped duplicate) or does not (then the redelivery applies it).
   */
  stop(timeoutMs?: number): Promise<void>;
  status(): ConsumerStatus;
}
