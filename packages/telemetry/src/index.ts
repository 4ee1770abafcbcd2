export { exportsTraces, startTelemetry, type Telemetry, type TelemetryOptions } from './start-telemetry.js';
export { annotateRequest, runInRequestContext } from './request-span.js';
