// `npm run bench:e2e`: signed webhooks at a steady rate through the real ingress to one grades instance (each
// its own process, real Kafka, a fresh database), and how long each accepted event takes to be applied. Prints
// a report; exits 1 when the ingress answered anything but 202 or an accepted event never got applied, never
// because it was slow.
import { Cleanup, cleanUpOnSignals } from './cleanup.js';
import { createBenchDatabase } from './consumer-database.js';
import { parseHistogram, scrapeMetrics } from './consumer-metrics.js';
import { startConsumerService } from './consumer-service.js';
import { assertMayRecreateTopics, recreateServiceTopics } from './consumer-topics.js';
import { e2eSourceId, startE2eIngress } from './e2e-ingress.js';
import { drainApplied, latencyFigures, lostEvents } from './e2e-latency.js';
import { paceWebhooks } from './e2e-load.js';
import { readE2eOptions } from './e2e-options.js';
import { findE2eProblems, printE2eReport } from './e2e-report.js';
import { gradeWebhooks } from './e2e-requests.js';
import { startBenchKafka } from './kafka.js';
import { machineFacts } from './report.js';
import { ltiEventsPath } from './signed-requests.js';

const options = readE2eOptions();
const machine = machineFacts();
const cleanup = new Cleanup();
cleanUpOnSignals(cleanup);

try {
  // grades' consumer group is fixed: it starts from empty topics, like bench:consumer (consumer-topics.ts).
  assertMayRecreateTopics('grades');
  console.error('[bench] starting Kafka');
  const kafka = await startBenchKafka(cleanup);
  await recreateServiceTopics(kafka.clientEnv, 'grades');
  const database = await createBenchDatabase('grades', cleanup);
  console.error(`[bench] starting the ingress and grades (on ${database.name})`);
  const [ingress, grades] = await Promise.all([
    startE2eIngress(kafka.clientEnv, cleanup),
    startConsumerService('grades', { kafkaEnv: kafka.clientEnv, databaseUrl: database.url }, cleanup),
  ]);

  console.error(
    `[bench] ${options.rate} webhooks/s: ${options.warmupSeconds} s warm-up + ${options.durationSeconds} s measured`,
  );
  const load = await paceWebhooks(
    `${ingress.url}${ltiEventsPath(e2eSourceId)}`,
    options,
    gradeWebhooks(ingress.secret, Date.now().toString(36)),
  );
  console.error(`[bench] waiting for grades to apply ${load.accepted.length} accepted events`);
  const applied = await drainApplied(database.pool, load.accepted, options.drainQuietSeconds);
  const lost = lostEvents(load.accepted, applied);
  const problems = findE2eProblems(load, lost);
  printE2eReport({
    machine,
    kafkaVersion: kafka.version,
    options,
    load,
    latency: latencyFigures(load.accepted, applied),
    endToEnd: parseHistogram(await scrapeMetrics(grades.url), 'inlet_consumer_end_to_end_seconds'),
    lost,
    appliedWithoutAnswer: applied.size - (load.accepted.length - lost.length),
    problems,
  });
  process.exitCode = problems.length === 0 ? 0 : 1;
} catch (error) {
  console.error('[bench] failed:', error);
  process.exitCode = 1;
} finally {
  console.error('[bench] stopping grades, the ingress and Kafka');
  await cleanup.run();
}
