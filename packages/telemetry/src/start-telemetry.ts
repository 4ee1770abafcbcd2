import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export interface Telemetry {
  /** True when spans are exported (an OTLP endpoint is configured). */
  exporting: boolean;
  /** Flushes the spans still buffered; call it on shutdown. */
  shutdown(): Promise<void>;
}

/**
 * Registers the tracer provider of one service, configured by the standard OpenTelemetry variables:
 * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) turns export on (OTLP over HTTP, JSON);
 * OTEL_SERVICE_NAME overrides the name; OTEL_TRACES_EXPORTER=none or OTEL_SDK_DISABLED=true turn it off;
 * OTEL_BSP_* tune the batching. Without an endpoint nothing is exported, but W3C trace context still flows
 * from the HTTP request through Kafka headers, so a trace stays whole across services that do export.
 */
export function startTelemetry(serviceName: string, env: NodeJS.ProcessEnv = process.env): Telemetry {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const disabled = env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none';
  const exporting = Boolean(endpoint) && !disabled;
  const spanProcessors: SpanProcessor[] = exporting ? [new BatchSpanProcessor(new OTLPTraceExporter())] : [];
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME ?? serviceName }),
    spanProcessors,
  });
  // The default registration: W3C traceparent/tracestate and baggage propagators, and an AsyncLocalStorage
  // context manager so the active span follows awaits.
  provider.register();
  return { exporting, shutdown: () => provider.shutdown() };
}
