export { exportsTraces, startTelemetry, type Telemetry } from './start-telemetry.js';
export { annotateRequest } from './request-span.js';
