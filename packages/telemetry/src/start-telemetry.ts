import { FastifyOtelInstrumentation } from '@fastify/otel';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-node';

export interface Telemetry {
  /** True when spans are exported (an OTLP endpoint is configured). */
  exporting: boolean;
  /** Flushes the spans still buffered; call it on shutdown. */
  shutdown(): Promise<void>;
}

/** Probes and scrapes: a span per Kubernetes probe would drown the traces that matter. */
const quietPaths = new Set(['/health', '/health/live', '/health/ready', '/metrics']);
const isQuiet = (url: string | undefined) => quietPaths.has((url ?? '').split('?')[0]!);

/**
 * Starts the OpenTelemetry Node SDK for one service, configured by the standard variables:
 * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) turns tracing on (OTLP over HTTP, JSON);
 * OTEL_SERVICE_NAME overrides the name; OTEL_TRACES_EXPORTER=none or OTEL_SDK_DISABLED=true turn it off;
 * OTEL_BSP_* tune the batching; OTEL_RESOURCE_ATTRIBUTES adds resource attributes.
 *
 * Instrumented: incoming HTTP (http instrumentation, SERVER span named by route thanks to @fastify/otel, which
 * adds the request and handler spans) and PostgreSQL queries (pg instrumentation, only inside a traced
 * operation). Kafka produce and consume spans come from @inlet/kafka-runtime (`withProducerSpan`,
 * `consumerTracing`).
 *
 * It must run before `http`, `pg` and `fastify` are loaded, since the instrumentations patch them as they load:
 * each service's main.ts calls it first and imports the service after (see services/grades/src/main.ts).
 * Metrics stay on Prometheus (/metrics) and logs on pino, so the SDK's metric and log exporters are off.
 * OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG (e.g. parentbased_traceidratio, 0.1) trade detail for cost.
 */
export function startTelemetry(serviceName: string, env: NodeJS.ProcessEnv = process.env): Telemetry {
  // Off means off: the instrumentations cost CPU on every request even when nothing is exported (the ingress
  // benchmark measures it: test/bench/README.md), so without an export they are not installed at all.
  if (!exportsTraces(env)) return { exporting: false, shutdown: async () => undefined };
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? serviceName,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => isQuiet(request.url) }),
      new FastifyOtelInstrumentation({
        registerOnInitialization: true,
        ignorePaths: ({ url }) => isQuiet(url),
        // The request and handler spans; a span per Fastify hook would triple the spans of every webhook.
        instrumentHooks: false,
      }),
      // Query text only, never parameter values (they carry personal data); no spans for pool housekeeping.
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
    ],
  });
  sdk.start();
  return { exporting: true, shutdown: () => sdk.shutdown() };
}

/** Whether spans leave the process: an OTLP endpoint is set and neither variable turns tracing off. */
export function exportsTraces(env: NodeJS.ProcessEnv): boolean {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return Boolean(endpoint) && env.OTEL_SDK_DISABLED !== 'true' && env.OTEL_TRACES_EXPORTER !== 'none';
}
