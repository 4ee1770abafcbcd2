#!/usr/bin/env node
// `npm run kafka`: a broker for manual work that runs until Ctrl-C or SIGTERM.
import { startKafka } from './start-kafka.js';

const kafka = await startKafka();
console.log(`KAFKA_BROKERS=${kafka.brokers.join(',')}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void kafka.stop().then(() => process.exit(0));
  });
}
// Keep the process alive until a signal arrives.
setInterval(() => undefined, 1 << 30);
