// Telemetry starts before the service loads: the http and pg instrumentations patch those modules as they load.
import { startTelemetry } from '@inlet/telemetry';

const telemetry = startTelemetry('media');
const [{ runConsumerService }, { media }] = await Promise.all([
  import('@inlet/service-kit'),
  import('./service.js'),
]);
await runConsumerService(media, telemetry);
