// `npm run bench:consumer`: how fast one instance of a consumer service applies its topic exactly once into
// PostgreSQL, against a kafkajs consumer that only reads the same records (the ceiling on this machine). Per
// service: empty topics, N realistic events plus redeliveries, the ceiling, then the service as its own process
// on a fresh database. Prints a report; exits 1 when an event was lost, applied twice or applied wrongly, never
// because it was slow.
import { Cleanup, cleanUpOnSignals } from './cleanup.js';
import { benchKafkaClient } from './consumer-kafka.js';
import { readConsumerOptions } from './consumer-options.js';
import { printConsumerReport } from './consumer-report.js';
import { runServiceBench, type ServiceRunResult } from './consumer-run.js';
import { assertMayRecreateTopics } from './consumer-topics.js';
import { startBenchKafka } from './kafka.js';
import { machineFacts } from './report.js';

const options = readConsumerOptions();
const machine = machineFacts();
const cleanup = new Cleanup();
cleanUpOnSignals(cleanup);

try {
  // Before anything starts: on a cluster the bench did not start, deleting topics needs consent.
  for (const service of options.services) assertMayRecreateTopics(service);
  console.error('[bench] starting Kafka');
  const kafka = await startBenchKafka(cleanup);
  const client = benchKafkaClient(kafka.clientEnv);
  const results: ServiceRunResult[] = [];
  // One service at a time: each gets the whole machine, as the ceiling measured just before it did.
  for (const service of options.services) {
    results.push(await runServiceBench(service, options, kafka, client, cleanup));
  }
  printConsumerReport({ machine, kafkaVersion: kafka.version, options, results });
  process.exitCode = results.every((result) => result.runs.every((run) => run.problems.length === 0)) ? 0 : 1;
} catch (error) {
  console.error('[bench] failed:', error);
  process.exitCode = 1;
} finally {
  console.error('[bench] stopping what was started');
  await cleanup.run();
}
