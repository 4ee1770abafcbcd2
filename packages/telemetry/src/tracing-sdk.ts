import { createRequire } from 'node:module';
import type * as OtelCore from '@opentelemetry/core';
import type * as OtlpHttp from '@opentelemetry/exporter-trace-otlp-http';
import type * as PgInstrumentationModule from '@opentelemetry/instrumentation-pg';
import type * as Resources from '@opentelemetry/resources';
import type * as SdkTraceNode from '@opentelemetry/sdk-trace-node';
import { StackContextManager } from './context-stack.js';
import { StorageContextManager } from './context-storage.js';
import { traceFastify } from './fastify-tracing.js';

// The SDK is loaded only when tracing is on: a service that exports nothing never loads it (about 140 modules
// and 15 MiB of RSS even without @opentelemetry/sdk-node, which loads 930 — every exporter, gRPC included — and
// adds 30 MiB). The packages are CommonJS, so require() keeps startTelemetry synchronous, as main.ts needs it.
const load = createRequire(import.meta.url);

export interface TracingOptions {
  serviceName: string;
  env: NodeJS.ProcessEnv;
  /** Routes that get no spans (probes, scrapes). */
  quietRoutes: ReadonlySet<string>;
  /** Whether to install the pg instrumentation (a service without PostgreSQL needs no require hook). */
  postgres: boolean;
  /** The context follows awaits (AsyncLocalStorage), or is active only synchronously (context-stack.ts). */
  asyncContext: boolean;
}

/**
 * The tracer provider (sampler and span limits from OTEL_TRACES_SAMPLER*, OTEL_SPAN_*), the resource (service
 * name, OTEL_RESOURCE_ATTRIBUTES, process and host), OTLP/HTTP JSON export in batches (OTEL_BSP_*), the W3C
 * propagator, the context manager, the Fastify tracing and, optionally, the pg instrumentation.
 */
export function startTracingSdk(options: TracingOptions): () => Promise<void> {
  const { NodeTracerProvider, BatchSpanProcessor } = load(
    '@opentelemetry/sdk-trace-node',
  ) as typeof SdkTraceNode;
  const { OTLPTraceExporter } = load('@opentelemetry/exporter-trace-otlp-http') as typeof OtlpHttp;
  const resources = load('@opentelemetry/resources') as typeof Resources;
  const { W3CTraceContextPropagator, CompositePropagator, W3CBaggagePropagator } = load(
    '@opentelemetry/core',
  ) as typeof OtelCore;

  const resource = resources
    .defaultResource()
    .merge(
      resources.detectResources({
        detectors: [resources.envDetector, resources.processDetector, resources.hostDetector],
      }),
    )
    .merge(
      resources.resourceFromAttributes({
        'service.name': options.env.OTEL_SERVICE_NAME ?? options.serviceName,
      }),
    );
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  const contextManager = options.asyncContext ? new StorageContextManager() : new StackContextManager();
  provider.register({
    contextManager,
    // W3C trace context alone: baggage, the SDK's other default, is read by no Inlet service and would cost
    // an extract and an inject per span. OTEL_PROPAGATORS=tracecontext,baggage brings it back.
    propagator: (options.env.OTEL_PROPAGATORS ?? 'tracecontext')
      .split(',')
      .some((name) => name.trim() === 'baggage')
      ? new CompositePropagator({
          propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
        })
      : new W3CTraceContextPropagator(),
  });

  if (options.postgres) {
    const { PgInstrumentation } = load('@opentelemetry/instrumentation-pg') as typeof PgInstrumentationModule;
    // Query text only, never parameter values (they carry personal data); no spans for pool housekeeping.
    new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }).setTracerProvider(
      provider,
    );
  }
  traceFastify({
    tracer: provider.getTracer('@inlet/telemetry'),
    contextManager,
    quietRoutes: options.quietRoutes,
  });
  return () => provider.shutdown();
}
