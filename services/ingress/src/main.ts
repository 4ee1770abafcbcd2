// The ingress process. Telemetry starts before anything else loads: the services' Fastify instances are traced
// from their creation, so the service itself (run.ts) is imported only once it runs. The ingress never talks to
// PostgreSQL (no pg instrumentation), and its only span below the request's is the produce, which the route
// opens inside the request's context (routes/webhooks.ts): the context need not follow awaits, which on Node 20
// costs a hook on every promise (test/bench/README.md, "The cost of tracing").
import { startTelemetry } from '@inlet/telemetry';

const telemetry = startTelemetry('ingress', process.env, { postgres: false, asyncContext: false });
const { runIngress } = await import('./run.js');
await runIngress(telemetry);
