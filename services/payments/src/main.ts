// Telemetry starts before the service loads: the http and pg instrumentations patch those modules as they load.
import { startTelemetry } from '@inlet/telemetry';

const telemetry = startTelemetry('payments');
const [{ runConsumerService }, { payments }] = await Promise.all([
  import('@inlet/service-kit'),
  import('./service.js'),
]);
await runConsumerService(payments, telemetry);
