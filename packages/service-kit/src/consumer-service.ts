import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createHealthReporter, healthThresholdsFromEnv, type HealthThresholds } from './health-report.js';

/** What the process lifecycle needs of a consumer (the runtime's ServiceConsumer). */
export interface LifecycleConsumer {
  start(): Promise<void>;
  stop(timeoutMs?: number): Promise<void>;
}

/** What the health report needs of a consumer's status(). */
export interface ConsumerCounters {
  running: boolean;
  processed: number;
  skipped: number;
  failed: number;
  lag: number;
  lastProcessedAt?: number;
  lastError?: string;
}

/** The WebhookHealth report of a consumer service: applied or skipped events succeed, routed failures fail. */
export function consumerHealthReporter(
  status: () => ConsumerCounters,
  thresholds: HealthThresholds = healthThresholdsFromEnv(),
) {
  return createHealthReporter(() => {
    const current = status();
    return { ...current, succeeded: current.processed + current.skipped, queueSize: current.lag };
  }, thresholds);
}

export interface ConsumerServiceProcess {
  name: string;
  log: Logger;
  listen: { port: number; host: string };
  /** Built, not listening. */
  app: FastifyInstance;
  consumer: LifecycleConsumer;
  /** Applies pending migrations, returning their names. */
  migrate: () => Promise<string[]>;
  /** Closed after the consumer, in order (the pool, clients, telemetry); each failure is logged, not fatal. */
  resources: [string, () => Promise<unknown>][];
  /** Extra fields of the "ready" log line. */
  readyFields?: Record<string, unknown>;
  /** Longest the consumer may take to finish its messages in hand at shutdown; the rest are redelivered. */
  consumerStopTimeoutMs?: number;
  /**
   * The setting behind a start-up failure, when one explains it (a refused Kafka password, an untrusted CA):
   * the fatal line then says what to fix, not only what failed.
   */
  explainStartFailure?: (error: unknown) => { message: string; variable?: string } | undefined;
}

/**
 * The life of every consumer service's process: migrate (exit 1 if that fails), listen (so /health/live
 * answers and /health/ready says why not yet while the consumer joins its group), start the consumer (exit 1,
 * naming the cause, if it cannot), and on SIGINT/SIGTERM shut down gracefully and exit 0.
 */
export async function runConsumerService(service: ConsumerServiceProcess): Promise<void> {
  const { log, app, consumer } = service;
  const stopTimeoutMs = service.consumerStopTimeoutMs ?? 10_000;
  let shuttingDown: Promise<never> | undefined;

  /**
   * HTTP first (no new reads), then the consumer (its messages in hand finish or are abandoned), then the
   * resources. Once: a second signal, or start() failing because of the first, joins the shutdown under way.
   */
  const shutDown = (exitCode: number): Promise<never> =>
    (shuttingDown ??= (async () => {
      // A step that hangs must not keep a terminating pod alive: exit anyway, a little after the consumer's bound.
      setTimeout(() => process.exit(exitCode === 0 ? 1 : exitCode), stopTimeoutMs + 5_000).unref();
      const steps: [string, () => Promise<unknown>][] = [
        ['http server', () => app.close()],
        ['consumer', () => consumer.stop(stopTimeoutMs)],
        ...service.resources,
      ];
      for (const [what, step] of steps) {
        await step().catch((error: unknown) => log.warn({ err: error }, `${what} did not stop cleanly`));
      }
      process.exit(exitCode);
    })());

  try {
    const applied = await service.migrate();
    log.info({ applied }, applied.length > 0 ? 'migrations applied' : 'schema up to date');
  } catch (error) {
    log.fatal({ err: error }, 'migrations failed: not starting');
    for (const [, close] of service.resources) await close().catch(() => undefined);
    process.exit(1);
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (!shuttingDown) log.info({ signal }, 'shutting down');
      void shutDown(0);
    });
  }

  await app.listen({ port: service.listen.port, host: service.listen.host });
  try {
    await consumer.start();
    log.info({ port: service.listen.port, ...service.readyFields }, `${service.name} ready`);
  } catch (error) {
    // A missing topic or table, or an unreachable broker: say which, and let the orchestrator restart us. (A
    // signal during start-up also ends start() this way; that shutdown is already under way, and exits 0.)
    if (!shuttingDown) {
      const explained = service.explainStartFailure?.(error);
      if (explained)
        log.fatal(
          { err: error, setting: explained.variable },
          `the consumer could not start: ${explained.message}`,
        );
      else log.fatal({ err: error }, 'the consumer could not start');
    }
    await shutDown(1);
  }
}
