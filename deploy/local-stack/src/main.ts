// `npm start`: the whole stack on this machine, stopped cleanly by Ctrl-C or SIGTERM.
//   Kafka (KAFKA_BROKERS, else a local KRaft broker: a testcontainers container when Docker answers, else the
//   jar launcher) with every declared topic,
//   PostgreSQL (DATABASE_URL or 127.0.0.1:5432, else a container when Docker answers, else an embedded PGlite
//   per service); INLET_CONTAINERS=never keeps containers out,
//   Redis (REDIS_URL or 127.0.0.1:6379, else rate limits stay in memory),
//   and every service under services/.
import { fileURLToPath } from 'node:url';
import { startKafka } from '@inlet/local-kafka';
import { discoverServices } from './services.js';
import { startStack } from './stack.js';

const servicesDir = fileURLToPath(new URL('../../../services', import.meta.url));

const kafka = await startKafka();
const stack = await startStack({ kafka, services: discoverServices(servicesDir) });

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[stack] ${signal}: stopping`);
    void stack.stop().then(() => process.exit(0));
  });
}
