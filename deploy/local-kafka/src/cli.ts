#!/usr/bin/env node
// `npm run kafka`: a broker for manual work that runs until Ctrl-C or SIGTERM.
import { secretVariables } from './client-env.js';
import { startKafka } from './start-kafka.js';

const kafka = await startKafka();
// What a client needs, on stdout; secrets stay in the file (a terminal's scrollback is not the place for them).
for (const [name, value] of Object.entries(kafka.clientEnv)) {
  console.log(secretVariables.has(name) ? `# ${name}: not printed` : `${name}=${value}`);
}
if (kafka.clientEnvFile)
  console.log(`# all of them, password included: set -a; . ${kafka.clientEnvFile}; set +a`);

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
