import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Kafka } from 'kafkajs';
import type pg from 'pg';
import type { TProperties } from 'typebox';
import {
  createServiceConsumer,
  consumerTracing,
  type EventDecoder,
  type EventHandlers,
  type RuntimeLogger,
  type ServiceConsumer,
} from '@inlet/kafka-runtime';
import type { ServiceName, ServiceTopics } from '@inlet/topics';
import { migrateSchema, type MigrationLogger } from '../migrate-schema.js';
import { buildServiceApp, type ReadRoutes, type ServiceAppOptions } from './service-app.js';
import {
  loadServiceConfig,
  serviceConfigSchema,
  type ServiceConfig,
  type ServiceConfigSchema,
} from './service-config.js';
import { createServiceMetrics, type MetricsScope, type ServiceMetrics } from './service-metrics.js';

/** What a service opens for its handlers when it starts, and closes when it stops (media's transcript fetcher). */
export interface Opened<Dependencies> {
  value: Dependencies;
  close: () => Promise<unknown>;
  /** Fields added to the "ready" log line. */
  readyFields?: Record<string, unknown>;
}

export interface OpenContext<Own extends TProperties, Metrics> {
  config: ServiceConfig<Own>;
  log: RuntimeLogger & { warn(msg: string): void };
  metrics: ServiceMetrics<Metrics>;
}

/** Everything that is a consumer service's own; the kit does the rest the same way for all of them. */
export interface ConsumerServiceDefinition<Own extends TProperties, Metrics, Dependencies> {
  /** Its topics (serviceTopics(name)), its database schema, its metric prefix inlet_<name>_, its Kafka client id. */
  name: ServiceName;
  /** Its default HTTP port. */
  port: number;
  /** Its migrations folder, beside src/ and dist/ alike: new URL('../migrations', import.meta.url). */
  migrations: URL;
  /** Settings it reads besides the shared ones (service-config.ts), as TypeBox properties. */
  settings?: Own;
  /** Checks across settings that a schema cannot express; throws an error naming the variable. */
  checkConfig?: (config: ServiceConfig<Own>) => void;
  /** The metrics it adds, on the given registry and with the given name prefix. */
  metrics?: (scope: MetricsScope) => Metrics;
  /** Opens what its handlers need (closed at shutdown, after the consumer). */
  open?: (context: OpenContext<Own, Metrics>) => Opened<Dependencies>;
  /** One handler per event type of its topic; each writes only through the transaction it is given. */
  handlers: (context: { metrics: ServiceMetrics<Metrics>; dependencies: Dependencies }) => EventHandlers;
  /** Its read API: route plugins, each registered with the pool as { db }. */
  routes: readonly ReadRoutes[];
  /** Longest path parameter its routes accept (their schemas bound it). Default 255. */
  maxParamLength?: number;
}

export interface ConsumerOptions<Metrics, Dependencies> {
  kafka: Kafka;
  pool: pg.Pool;
  codec: EventDecoder;
  log: RuntimeLogger;
  metrics: ServiceMetrics<Metrics>;
  /** Tests consume unique topics and groups; production uses serviceTopics(name). */
  topics?: ServiceTopics;
  dependencies: Dependencies;
}

/** A defined consumer service: the pieces its process and its tests are built from. */
export interface ConsumerService<Own extends TProperties, Metrics, Dependencies> {
  definition: ConsumerServiceDefinition<Own, Metrics, Dependencies>;
  name: ServiceName;
  /** The PostgreSQL schema it owns (its name); nothing of it lives anywhere else. */
  schema: string;
  /** Where the consumer runtime records applied event ids (created by its first migration). */
  processedTable: string;
  migrationsDir: string;
  configSchema: ServiceConfigSchema<Own>;
  loadConfig(env?: NodeJS.ProcessEnv): ServiceConfig<Own>;
  createMetrics(): ServiceMetrics<Metrics>;
  /**
   * Applies its pending migrations (migrateSchema: one advisory lock per service, all pending migrations in
   * one transaction). Returns the names applied.
   */
  migrate(target: string | pg.Pool, log?: MigrationLogger): Promise<string[]>;
  createConsumer(options: ConsumerOptions<Metrics, Dependencies>): ServiceConsumer;
  /** Its HTTP side, built, not listening. */
  buildApp(options: ServiceAppOptions): Promise<FastifyInstance>;
}

export function defineConsumerService<
  Own extends TProperties = Record<never, never>,
  Metrics = Record<never, never>,
  Dependencies = undefined,
>(
  definition: ConsumerServiceDefinition<Own, Metrics, Dependencies>,
): ConsumerService<Own, Metrics, Dependencies> {
  const { name } = definition;
  const configSchema = serviceConfigSchema(definition.port, definition.settings ?? ({} as Own));
  const migrationsDir = fileURLToPath(definition.migrations);
  const processedTable = `${name}.processed_events`;
  return {
    definition,
    name,
    schema: name,
    processedTable,
    migrationsDir,
    configSchema,
    loadConfig(env = process.env) {
      const config = loadServiceConfig(configSchema, env);
      definition.checkConfig?.(config);
      return config;
    },
    createMetrics: () => createServiceMetrics(name, definition.metrics ?? (() => ({}) as Metrics)),
    migrate: (target, log) => migrateSchema({ target, schema: name, migrationsDir, ...(log ? { log } : {}) }),
    createConsumer: ({ kafka, pool, codec, log, metrics, topics, dependencies }) =>
      createServiceConsumer({
        kafka,
        service: name,
        pool,
        processedTable,
        handlers: definition.handlers({ metrics, dependencies }),
        codec,
        log,
        metricsRegistry: metrics.registry,
        tracing: consumerTracing(name),
        ...(topics ? { topics } : {}),
      }),
    buildApp: (options) =>
      buildServiceApp(
        { routes: definition.routes, maxParamLength: definition.maxParamLength ?? 255 },
        options,
      ),
  };
}
