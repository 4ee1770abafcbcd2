// The content process. Telemetry starts before anything else loads: the http and pg instrumentations patch
// those modules as they are loaded, so the service itself (run.ts) is imported only once it runs.
import { startTelemetry } from '@inlet/telemetry';

const telemetry = startTelemetry('content');
const { runContent } = await import('./run.js');
await runContent(telemetry);
