import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { HealthReport } from './health-report.js';

/** One dependency's state: ok, or not with a reason a person can act on. */
export type CheckResult = { ok: true } | { ok: false; reason: string };

export interface HealthRoutesOptions {
  /** What must be ok for the service to be ready, by name (e.g. kafka, consumer, database). */
  readiness: Record<string, () => CheckResult | Promise<CheckResult>>;
  registry: Registry;
  /** The WebhookHealth report at GET /health (200 unless unhealthy). */
  report?: () => HealthReport;
}

/**
 * `/health/live` (the process answers), `/health/ready` (every readiness check is ok; 503 naming what is not)
 * and `/metrics` (Prometheus).
 */
export async function healthRoutes(
  app: FastifyInstance,
  { readiness, registry, report }: HealthRoutesOptions,
): Promise<void> {
  if (report) {
    app.get('/health', async (_request, reply) => {
      const health = report();
      return reply.status(health.status === 'unhealthy' ? 503 : 200).send(health);
    });
  }

  app.get('/health/live', async () => ({ status: 'ok' }));

  app.get('/health/ready', async (_request, reply) => {
    const results = await Promise.all(
      Object.entries(readiness).map(async ([name, check]) => [name, await check()] as const),
    );
    const reasons = results
      .filter(([, result]) => !result.ok)
      .map(([name, result]) => `${name}: ${(result as { reason: string }).reason}`);
    const checks = Object.fromEntries(results.map(([name, result]) => [name, result.ok ? 'ok' : 'failing']));
    return reply.status(reasons.length === 0 ? 200 : 503).send({
      status: reasons.length === 0 ? 'ready' : 'not ready',
      checks,
      ...(reasons.length > 0 ? { reasons } : {}),
    });
  });

  app.get('/metrics', async (_request, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

/** A readiness check of a PostgreSQL pool: a trivial query within `timeoutMs`. */
export function databaseCheck(
  pool: { query(sql: string): Promise<unknown> },
  timeoutMs = 2_000,
): () => Promise<CheckResult> {
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        pool.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      return { ok: true };
    } catch (error) {
      // The driver's message may name the host; it never carries the password.
      return { ok: false, reason: (error as Error).message };
    } finally {
      clearTimeout(timer);
    }
  };
}
