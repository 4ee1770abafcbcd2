// `npm run bench:ingress-memory`: the built ingress's memory in its worst case. A broker frozen while senders
// keep posting bodies near the size limit: every webhook the ingress admits is held until Kafka answers or the
// produce times out, so what it holds is bounded only by MAX_IN_FLIGHT_BYTES. Prints the peaks (RSS, V8 heap,
// old space, the in-flight reservation); exits 1 when the ingress died, answered anything but 202 or 503, lost a
// 202, or did not accept again after the thaw. Never because of a figure.
import { Cleanup, cleanUpOnSignals } from './cleanup.js';
import { buildIngress, imageNodeArgs } from './ingress-built.js';
import { startBenchKafka } from './kafka.js';
import { readMemoryOptions } from './memory-options.js';
import { findStallProblems, printMemoryReport } from './memory-report.js';
import { runStall, type StallRun } from './memory-stall.js';
import { machineFacts } from './report.js';
import { startIngress, writeBenchSources } from './targets.js';

/** Just under the ingress's default BODY_LIMIT_BYTES (1 MiB), which the bench leaves as it is. */
const defaultBodyBytes = 1_040_000;

const options = readMemoryOptions();
const machine = machineFacts();
const cleanup = new Cleanup();
cleanUpOnSignals(cleanup);

try {
  await buildIngress();
  // A broker of its own, from the jars: the bench freezes it, which it may not do to a cluster it did not start.
  const kafka = await startBenchKafka(cleanup, { useKafkaBrokersEnv: false, containers: 'never' });
  const brokerPid = kafka.pid!;
  let frozen = false;
  cleanup.add('the frozen broker, thawed', async () => {
    if (frozen) process.kill(brokerPid, 'SIGCONT');
  });
  const sources = await writeBenchSources(cleanup);
  const nodeArgs = options.nodeArgs ?? (await imageNodeArgs('ingress'));
  const bodyBytes = options.bodyBytes ?? defaultBodyBytes;

  const runs: StallRun[] = [];
  for (const shape of options.shapes) {
    console.error(`[bench] ${shape}: a fresh ingress (node ${nodeArgs.join(' ') || 'without flags'})`);
    // A fresh process per shape, so each starts from the same heap.
    const ingress = await startIngress(
      {
        name: `ingress (${shape})`,
        build: 'built',
        otlpEndpoint: undefined,
        cpuProfileDir: undefined,
        nodeArgs,
      },
      kafka.clientEnv,
      sources,
      cleanup,
    );
    console.error(
      `[bench] ${shape}: freezing the broker for ${options.stallSeconds} s under ${bodyBytes}-byte bodies`,
    );
    runs.push(
      await runStall(
        {
          ingress,
          secret: sources.secret,
          admin: kafka.admin,
          freezeBroker: () => {
            process.kill(brokerPid, 'SIGSTOP');
            frozen = true;
          },
          thawBroker: () => {
            process.kill(brokerPid, 'SIGCONT');
            frozen = false;
          },
        },
        shape,
        options,
        bodyBytes,
      ),
    );
  }
  const problems = runs.flatMap(findStallProblems);
  printMemoryReport({ machine, kafkaVersion: kafka.version, options, nodeArgs, runs, problems });
  process.exitCode = problems.length === 0 ? 0 : 1;
} catch (error) {
  console.error('[bench] failed:', error);
  process.exitCode = 1;
} finally {
  console.error('[bench] stopping the ingresses and Kafka');
  await cleanup.run();
}
