import type { Kafka } from 'kafkajs';
import type pg from 'pg';
import type { InletEvent } from '@inlet/schemas';
import { serviceTopics } from '@inlet/topics';
import { Cleanup } from './cleanup.js';
import { measureCeiling, type CeilingResult } from './consumer-ceiling.js';
import { checkProcessedEvents, strayRecords, type StrayRecords } from './consumer-checks.js';
import { createBenchDatabase } from './consumer-database.js';
import type { EffectCheck } from './consumer-effects.js';
import { checkGradesEffects } from './consumer-grades-effects.js';
import { gradesEvents } from './consumer-grades.js';
import { counterTotal, parseHistogram, scrapeMetrics, type ScrapedHistogram } from './consumer-metrics.js';
import type { BenchedService, ConsumerBenchOptions } from './consumer-options.js';
import { checkPaymentsEffects } from './consumer-payments-effects.js';
import { paymentsEvents } from './consumer-payments.js';
import { produceRecords, withRedeliveries } from './consumer-produce.js';
import { watchApplying, type ApplyingResult } from './consumer-progress.js';
import { seededRandom, type Random } from './consumer-random.js';
import { startConsumerService } from './consumer-service.js';
import { deleteIdleGroups, recreateServiceTopics } from './consumer-topics.js';
import type { Tracing } from './ingress-options.js';
import { recordsOnTopic, type BenchKafka } from './kafka.js';
import { startOtlpSink } from './otlp-sink.js';

/** How each benched service's events are made and its tables checked; the seed keeps the mix the same per run. */
const workloads: Record<
  BenchedService,
  {
    seed: number;
    events: (count: number, random: Random, run: string) => InletEvent[];
    checkEffects: (pool: pg.Pool, events: InletEvent[]) => Promise<EffectCheck>;
  }
> = {
  grades: { seed: 20261204, events: gradesEvents, checkEffects: checkGradesEffects },
  payments: { seed: 20261205, events: paymentsEvents, checkEffects: checkPaymentsEffects },
};

/** One run of the service over the records: tracing off or on, a fresh database, the group from the start. */
export interface TracingRun {
  tracing: Tracing;
  applying: ApplyingResult;
  /** inlet_consumer_processing_seconds: per message, from its start to its durable outcome. */
  processing: ScrapedHistogram;
  /** Messages the runtime skipped as already processed (its messages_total counter). */
  skippedDuplicates: number;
  /** Spans the service exported to the sink during the run (tracing on only). */
  spans?: number;
  stray: StrayRecords;
  effects: EffectCheck;
  /** Why the run fails; empty when it passes. */
  problems: string[];
}

export interface ServiceRunResult {
  service: BenchedService;
  events: InletEvent[];
  redeliveries: number;
  records: number;
  ceiling: CeilingResult;
  runs: TracingRun[];
}

/**
 * One service's bench: empty topics, N events (+ redeliveries) on its main topic, the raw-consumer ceiling, then
 * per tracing mode one instance of the service on a fresh database, its consumer groups deleted first so it
 * reads from the beginning, until it has applied and committed everything; then the checks.
 */
export async function runServiceBench(
  service: BenchedService,
  options: ConsumerBenchOptions,
  kafka: BenchKafka,
  client: Kafka,
  cleanup: Cleanup,
): Promise<ServiceRunResult> {
  const topics = serviceTopics(service);
  const workload = workloads[service];
  const run = Date.now().toString(36);
  const random = seededRandom(workload.seed);
  console.error(`[bench] ${service}: recreating ${topics.main}, its retry tiers and DLQ`);
  await recreateServiceTopics(kafka.clientEnv, service);
  const events = workload.events(options.events, random, run);
  const content = withRedeliveries(events, options.redeliveryShare, random);
  console.error(
    `[bench] ${service}: producing ${content.records.length} records (${content.redeliveries} redeliveries)`,
  );
  await produceRecords(client, topics.main, content);
  const records = await recordsOnTopic(kafka.admin, topics.main);
  if (records !== content.records.length) {
    throw new Error(`${topics.main} holds ${records} records, ${content.records.length} were produced`);
  }

  console.error(`[bench] ${service}: ceiling (a kafkajs consumer that does nothing)`);
  const ceiling = await measureCeiling(client, kafka.admin, topics.main, records);

  const runs: TracingRun[] = [];
  for (const tracing of options.tracing) {
    await deleteIdleGroups(kafka.admin, service);
    runs.push(await runService(service, tracing, events, kafka, cleanup));
  }
  return { service, events, redeliveries: content.redeliveries, records, ceiling, runs };
}

/** One instance of the service, tracing off or on, on a fresh database; gone when this returns (or throws). */
async function runService(
  service: BenchedService,
  tracing: Tracing,
  events: InletEvent[],
  kafka: BenchKafka,
  cleanup: Cleanup,
): Promise<TracingRun> {
  const topics = serviceTopics(service);
  // Its own cleanup, run before the next run starts; the bench's cleanup runs it on Ctrl-C.
  const own = new Cleanup();
  cleanup.add(`${service} run (tracing ${tracing})`, () => own.run());
  try {
    const sink = tracing === 'on' ? await startOtlpSink() : undefined;
    if (sink) own.add('OTLP sink', () => sink.close());
    const database = await createBenchDatabase(service, own);
    console.error(`[bench] ${service}: starting one instance, tracing ${tracing}, on ${database.name}`);
    const running = await startConsumerService(
      service,
      { kafkaEnv: kafka.clientEnv, databaseUrl: database.url, otlpEndpoint: sink?.endpoint },
      own,
    );
    const processedTable = `${service}.processed_events`;
    const applying = await watchApplying({
      pool: database.pool,
      processedTable,
      admin: kafka.admin,
      topic: topics.main,
      group: topics.consumerGroup,
      nodePid: running.nodePid,
    });
    const metrics = await scrapeMetrics(running.url);
    const stray = await strayRecords(kafka.admin, service);
    const effects = await workloads[service].checkEffects(database.pool, events);
    const problems = [
      ...(applying.stalled ? [`${service}: ${applying.stalled}`] : []),
      ...(await checkProcessedEvents(database.pool, processedTable, events)),
      ...effects.problems,
    ];
    if (stray.deadLettered > 0) {
      problems.push(
        `${service}: ${stray.deadLettered} records in ${topics.dlq} (every bench event is valid)`,
      );
    }
    return {
      tracing,
      applying,
      processing: parseHistogram(metrics, 'inlet_consumer_processing_seconds'),
      skippedDuplicates: counterTotal(
        metrics,
        'inlet_consumer_messages_total',
        'outcome="skipped_duplicate"',
      ),
      ...(sink ? { spans: sink.counts().spans } : {}),
      stray,
      effects,
      problems: problems.map((problem) => `tracing ${tracing}: ${problem}`),
    };
  } finally {
    console.error(`[bench] ${service}: stopping the service, dropping its database`);
    await own.run();
  }
}
