import { startTracingSdk } from './tracing-sdk.js';

export interface Telemetry {
  /** True when spans are exported (an OTLP endpoint is configured). */
  exporting: boolean;
  /** Flushes the spans still buffered; call it on shutdown. */
  shutdown(): Promise<void>;
}

export interface TelemetryOptions {
  /**
   * Install the pg instrumentation (a span per query, under the operation that ran it). Default true; a service
   * that never loads `pg` (the ingress) says false and spares every later `require` the instrumentation's hook.
   */
  postgres?: boolean;
  /**
   * Whether the active context follows awaits (default true: AsyncLocalStorage). A service whose spans all open
   * at known points says false and runs them with `runInRequestContext`: on Node 20 the storage's hook on every
   * promise costs more than all its spans (test/bench/README.md). Code that opens a span after an await then
   * finds no parent, and log lines written after an await carry no trace id.
   */
  asyncContext?: boolean;
}

/** Probes and scrapes: a span per Kubernetes probe would drown the traces that matter. */
const quietRoutes = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/**
 * Starts OpenTelemetry tracing for one service, configured by the standard variables:
 * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) turns tracing on (OTLP over HTTP, JSON);
 * OTEL_SERVICE_NAME overrides the name; OTEL_TRACES_EXPORTER=none or OTEL_SDK_DISABLED=true turn it off;
 * OTEL_BSP_* tune the batching; OTEL_RESOURCE_ATTRIBUTES adds resource attributes; OTEL_PROPAGATORS
 * (default: tracecontext alone) the propagation; OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG (e.g.
 * parentbased_traceidratio, 0.1) trade detail for cost.
 *
 * Traced: incoming HTTP to Fastify (fastify-tracing.ts: one SERVER span per request, named by route, from
 * Fastify's hooks and diagnostics channels) and PostgreSQL queries (pg instrumentation, only
 * inside a traced operation). Kafka produce and consume spans come from @inlet/kafka-runtime
 * (`withProducerSpan`, `consumerTracing`).
 *
 * It must run before `pg` is loaded, since the pg instrumentation patches it as it loads, and before the
 * services create their Fastify instances: each service's main.ts calls it first and imports the service after
 * (see services/grades/src/main.ts). Metrics stay on Prometheus (/metrics) and logs on pino.
 */
export function startTelemetry(
  serviceName: string,
  env: NodeJS.ProcessEnv = process.env,
  options: TelemetryOptions = {},
): Telemetry {
  // Off means off: nothing is installed, or even loaded, without an export.
  if (!exportsTraces(env)) return { exporting: false, shutdown: async () => undefined };
  const shutdown = startTracingSdk({
    serviceName,
    env,
    quietRoutes,
    postgres: options.postgres ?? true,
    asyncContext: options.asyncContext ?? true,
  });
  return { exporting: true, shutdown };
}

/** Whether spans leave the process: an OTLP endpoint is set and neither variable turns tracing off. */
export function exportsTraces(env: NodeJS.ProcessEnv): boolean {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return Boolean(endpoint) && env.OTEL_SDK_DISABLED !== 'true' && env.OTEL_TRACES_EXPORTER !== 'none';
}
