export { startTelemetry, type Telemetry } from './start-telemetry.js';
export { annotateRequest, fastifyTracing, inRequestContext } from './fastify-tracing.js';
export { withProducerSpan, type TracedRecord } from './producer-span.js';
