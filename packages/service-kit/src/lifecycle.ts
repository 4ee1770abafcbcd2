import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

/** Something the process starts once it listens and stops before its resources (the consumer). */
export interface BackgroundWorker {
  start(): Promise<void>;
  stop(timeoutMs?: number): Promise<void>;
}

export interface ServiceProcess {
  name: string;
  log: Logger;
  listen: { port: number; host: string };
  /** Built, not listening. */
  app: FastifyInstance;
  /**
   * Runs before the process listens (migrations; the ingress's topic check and producer connection). When it
   * fails the process logs `failure` and exits 1.
   */
  prepare?: { run: () => Promise<void>; failure: string };
  /** Started once listening (the consumer); when it cannot, the process says so, naming it, and exits 1. */
  worker?: { name: string } & BackgroundWorker;
  /** Closed after the HTTP server and the worker, in order (producer, pool, clients, telemetry); failures are logged. */
  resources: [string, () => Promise<unknown>][];
  /** Extra fields of the "ready" log line. */
  readyFields?: Record<string, unknown>;
  /** Longest the worker may take to finish its messages in hand at shutdown; the rest are redelivered. */
  stopTimeoutMs?: number;
  /**
   * The setting behind a start-up failure, when one explains it (a refused Kafka password, an untrusted CA):
   * the fatal line then says what to fix, not only what failed.
   */
  explainStartFailure?: (error: unknown) => { message: string; variable?: string } | undefined;
}

/**
 * The life of every Inlet process: prepare (exit 1 if that fails), listen (so /health/live answers and
 * /health/ready says why not yet while the worker starts), start the worker (exit 1, naming the cause, if it
 * cannot), and on SIGINT/SIGTERM shut down gracefully and exit 0. A step that hangs at shutdown cannot keep a
 * terminating pod alive: the process exits a little after the worker's bound anyway.
 */
export async function runService(service: ServiceProcess): Promise<void> {
  const { log, app, worker } = service;
  const stopTimeoutMs = service.stopTimeoutMs ?? 10_000;
  let shuttingDown: Promise<never> | undefined;

  /**
   * HTTP first (no new requests; those in flight finish), then the worker (its messages in hand finish or are
   * abandoned), then the resources. Once: a second signal, or start() failing because of the first, joins the
   * shutdown under way.
   */
  const shutDown = (exitCode: number): Promise<never> =>
    (shuttingDown ??= (async () => {
      setTimeout(() => process.exit(exitCode === 0 ? 1 : exitCode), stopTimeoutMs + 5_000).unref();
      const steps: [string, () => Promise<unknown>][] = [
        ['http server', () => app.close()],
        ...(worker
          ? [[worker.name, () => worker.stop(stopTimeoutMs)] as [string, () => Promise<unknown>]]
          : []),
        ...service.resources,
      ];
      for (const [what, step] of steps) {
        await step().catch((error: unknown) => log.warn({ err: error }, `${what} did not stop cleanly`));
      }
      process.exit(exitCode);
    })());

  const logFatal = (error: unknown, failure: string) => {
    const explained = service.explainStartFailure?.(error);
    if (explained) log.fatal({ err: error, setting: explained.variable }, `${failure}: ${explained.message}`);
    else log.fatal({ err: error }, failure);
  };

  if (service.prepare) {
    try {
      await service.prepare.run();
    } catch (error) {
      logFatal(error, service.prepare.failure);
      for (const [, close] of service.resources) await close().catch(() => undefined);
      process.exit(1);
    }
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (!shuttingDown) log.info({ signal }, 'shutting down');
      void shutDown(0);
    });
  }

  await app.listen({ port: service.listen.port, host: service.listen.host });
  try {
    await worker?.start();
    log.info({ port: service.listen.port, ...service.readyFields }, `${service.name} ready`);
  } catch (error) {
    // A missing topic or table, or an unreachable broker: say which, and let the orchestrator restart us. (A
    // signal during start-up also ends start() this way; that shutdown is already under way, and exits 0.)
    if (!shuttingDown) logFatal(error, `the ${worker!.name} could not start`);
    await shutDown(1);
  }
}
