// `npm run bench:ingress`: the real ingress (own process, real Kafka) against a bare Fastify baseline, with
// tracing off and on (spans exported to an OTLP sink inside the bench), under the same load in the same run, so
// the figures compare on a shared, noisy machine. Prints a report; exits 1 when an ingress answered anything
// but 202 or a 202 is missing on Kafka, never because it was slow.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serviceTopics } from '@inlet/topics';
import { acceptedCount, findProblems } from './checks.js';
import { Cleanup, cleanUpOnSignals } from './cleanup.js';
import { buildIngress } from './ingress-built.js';
import { readIngressOptions, type Tracing } from './ingress-options.js';
import { measureIngresses } from './ingress-rounds.js';
import { profileWindowFile, type MeasuredWindows } from './ingress-profile.js';
import { startBenchKafka } from './kafka.js';
import { loadTarget, type TargetResult } from './load.js';
import { startOtlpSink, type OtlpSinkCounts } from './otlp-sink.js';
import { machineFacts, printReport } from './report.js';
import { ltiEventsPath, signedGradeRequests } from './signed-requests.js';
import { benchSourceId, startBareServer, startIngress, writeBenchSources } from './targets.js';

const options = readIngressOptions();
const machine = machineFacts();
const cleanup = new Cleanup();
cleanUpOnSignals(cleanup);

const targetName = (tracing: Tracing) => `ingress (tracing ${tracing})`;
/** "ingress (tracing on)" -> <dir>/ingress-tracing-on */
const profileDirOf = (dir: string, target: string) =>
  join(dir, target.replace(/[^a-z]+/g, '-').replace(/-$/, ''));

/** Next to the target's profile: when its measured load ran, so the summary leaves out start-up and idling. */
async function writeProfileWindow(dir: string, result: TargetResult): Promise<void> {
  const measured: MeasuredWindows = {
    windows: result.measuredWindows,
    accepted: acceptedCount(result.measured),
  };
  await writeFile(join(profileDirOf(dir, result.target), profileWindowFile), JSON.stringify(measured));
}

try {
  // Before anything runs: tsc would take the CPU from the measured runs.
  if (options.ingress === 'built') await buildIngress();
  console.error('[bench] starting Kafka, the ingresses and the bare baseline');
  const kafka = await startBenchKafka(cleanup);
  const sink = options.tracing.includes('on') ? await startOtlpSink() : undefined;
  if (sink) cleanup.add('OTLP sink', () => sink.close());
  const sources = await writeBenchSources(cleanup);
  const profileDir = async (tracing: Tracing) => {
    if (!options.cpuProfileDir) return undefined;
    const dir = profileDirOf(options.cpuProfileDir, targetName(tracing));
    await mkdir(dir, { recursive: true });
    return dir;
  };
  // Every server runs (and idles) during every measurement, so each run shares the machine the same way.
  const [bare, ...ingresses] = await Promise.all([
    startBareServer(cleanup),
    ...options.tracing.map(async (tracing) =>
      startIngress(
        {
          name: targetName(tracing),
          build: options.ingress,
          otlpEndpoint: tracing === 'on' ? sink!.endpoint : undefined,
          cpuProfileDir: await profileDir(tracing),
        },
        kafka.clientEnv,
        sources,
        cleanup,
      ),
    ),
  ]);
  const requests = signedGradeRequests({
    secret: sources.secret,
    path: ltiEventsPath(benchSourceId),
    count: options.distinctRequests,
  });

  const bareResult = await loadTarget(bare!, requests, options);
  const exportsBefore = sink?.counts();
  const topic = serviceTopics('grades').main;
  const runs = await measureIngresses(ingresses, requests, options, { admin: kafka.admin, topic });
  if (options.cpuProfileDir) {
    for (const { result } of runs) await writeProfileWindow(options.cpuProfileDir, result);
  }

  const problems = [
    ...new Set(
      runs.flatMap(({ result, delivery }) =>
        findProblems(bareResult, result, delivery).map((problem) => namingTarget(problem, result.target)),
      ),
    ),
  ];
  const traced = runs.find(({ result }) => result.target === targetName('on'));
  const exported =
    sink && exportsBefore && traced
      ? { counts: difference(sink.counts(), exportsBefore), accepted: traced.delivery.accepted }
      : undefined;
  printReport({
    machine,
    kafkaVersion: kafka.version,
    options,
    bare: bareResult,
    ingresses: runs,
    ...(exported ? { exported } : {}),
    problems,
  });
  process.exitCode = problems.length === 0 ? 0 : 1;
} catch (error) {
  console.error('[bench] failed:', error);
  process.exitCode = 1;
} finally {
  console.error('[bench] stopping the ingresses, the baseline and Kafka');
  await cleanup.run();
}

function difference(after: OtlpSinkCounts, before: OtlpSinkCounts): OtlpSinkCounts {
  return {
    exports: after.exports - before.exports,
    bytes: after.bytes - before.bytes,
    spans: after.spans - before.spans,
  };
}

/** checks.ts speaks of one ingress; with two, each problem names its target (the baseline's stays as it is). */
function namingTarget(problem: string, target: string): string {
  if (problem.startsWith('the bare baseline')) return problem;
  return `${target}: ${problem.replace(/^ingress /, '')}`;
}
