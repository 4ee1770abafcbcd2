// `npm run bench:ingress`: the real ingress (own process, real Kafka) against a bare Fastify baseline, under
// the same load in the same run, so the figures compare on a shared, noisy machine. Prints a report; exits 1
// when the ingress answered anything but 202 or a 202 is missing on Kafka, never because it was slow.
import { serviceTopics } from '@inlet/topics';
import { findProblems, acceptedCount, type KafkaDelivery } from './checks.js';
import { Cleanup, cleanUpOnSignals } from './cleanup.js';
import { recordsOnTopic, startBenchKafka } from './kafka.js';
import { loadTarget } from './load.js';
import { readOptions } from './options.js';
import { machineFacts, printReport } from './report.js';
import { ltiEventsPath, signedGradeRequests } from './signed-requests.js';
import { benchSourceId, startBareServer, startIngress } from './targets.js';

const options = readOptions();
const machine = machineFacts();
const cleanup = new Cleanup();
cleanUpOnSignals(cleanup);

try {
  console.error('[bench] starting Kafka, the ingress and the bare baseline');
  const kafka = await startBenchKafka(cleanup);
  // Both servers run (and idle) during both measurements, so each run shares the machine the same way.
  const [ingress, bare] = await Promise.all([
    startIngress(kafka.clientEnv, cleanup),
    startBareServer(cleanup),
  ]);
  const requests = signedGradeRequests({
    secret: ingress.secret,
    path: ltiEventsPath(benchSourceId),
    count: options.distinctRequests,
  });

  const bareResult = await loadTarget(bare, requests, options);
  const topic = serviceTopics('grades').main;
  const recordsBefore = await recordsOnTopic(kafka.admin, topic);
  const ingressResult = await loadTarget(ingress, requests, options);
  const delivery: KafkaDelivery = {
    topic,
    recordsBefore,
    recordsAfter: await recordsOnTopic(kafka.admin, topic),
    accepted: acceptedCount(ingressResult.warmup) + acceptedCount(ingressResult.measured),
  };

  const problems = findProblems(bareResult, ingressResult, delivery);
  printReport({
    machine,
    kafkaVersion: kafka.version,
    options,
    bare: bareResult,
    ingress: ingressResult,
    delivery,
    problems,
  });
  process.exitCode = problems.length === 0 ? 0 : 1;
} catch (error) {
  console.error('[bench] failed:', error);
  process.exitCode = 1;
} finally {
  console.error('[bench] stopping the ingress, the baseline and Kafka');
  await cleanup.run();
}
