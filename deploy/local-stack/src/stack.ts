import { Kafka, logLevel } from 'kafkajs';
import type { RunningKafka } from '@inlet/local-kafka';
import { applyTopics, declaredTopics, summarize } from '@inlet/topics';
import {
  defaultDatabaseUrl,
  postgresAnswers,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from './postgres.js';
import { defaultRedisUrl, redisAnswers } from './redis.js';
import { startService, type RunningService, type ServicePackage } from './services.js';

export interface StackOptions {
  kafka: RunningKafka;
  services: ServicePackage[];
  log?: (line: string) => void;
}

export interface RunningStack {
  /** What was started, for a person to read. */
  summary: string[];
  services: RunningService[];
  stop(): Promise<void>;
}

/** Creates the topics, finds or embeds the databases, then starts every service with one environment. */
export async function startStack({
  kafka,
  services,
  log = (line) => console.log(`[stack] ${line}`),
}: StackOptions): Promise<RunningStack> {
  const admin = new Kafka({
    clientId: 'inlet-stack',
    brokers: kafka.brokers,
    logLevel: logLevel.WARN,
  }).admin();
  await admin.connect();
  try {
    const result = await applyTopics(admin, declaredTopics({ replicationFactor: 1 }), {
      replicationFactor: 1,
    });
    log(`topics: ${summarize(result).split('\n').at(-1)}`);
  } finally {
    await admin.disconnect();
  }

  const summary = [
    `Kafka       ${kafka.brokers.join(',')} (${kafka.kind}${kafka.logFile ? `, logs ${kafka.logFile}` : ''})`,
  ];
  const databaseUrl = process.env.DATABASE_URL ?? defaultDatabaseUrl;
  const sharedPostgres = await postgresAnswers(databaseUrl);
  summary.push(
    sharedPostgres
      ? `PostgreSQL  ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}`
      : `PostgreSQL  none answers at ${databaseUrl}: each service gets an embedded PGlite (in memory, lost on stop)`,
  );
  const redisUrl = process.env.REDIS_URL ?? defaultRedisUrl;
  const redis = await redisAnswers(redisUrl);
  summary.push(
    redis
      ? `Redis       ${redisUrl}`
      : `Redis       none answers at ${redisUrl}: rate limits are kept in memory`,
  );

  let stopped: Promise<void> | undefined;
  const embedded: EmbeddedPostgres[] = [];
  const running: RunningService[] = [];
  for (const service of services) {
    const env: NodeJS.ProcessEnv = { KAFKA_BROKERS: kafka.brokers.join(',') };
    if (sharedPostgres) {
      env.DATABASE_URL = databaseUrl;
    } else {
      const database = await startEmbeddedPostgres();
      embedded.push(database);
      env.DATABASE_URL = database.url;
      env.DATABASE_POOL_MAX = '1';
    }
    env.REDIS_URL = redis ? redisUrl : undefined;
    const started = startService(service, env);
    // A service that dies leaves the rest running (so its logs can be read); say so plainly.
    void started.exited.then((code) => {
      if (!stopped) log(`${service.name} exited with code ${code}; the rest of the stack keeps running`);
    });
    running.push(started);
    summary.push(`${service.name.padEnd(11)} http://127.0.0.1:${service.port ?? '?'}`);
  }
  if (services.length === 0) summary.push('services    none yet under services/');
  for (const line of summary) log(line);
  log('ready; Ctrl-C stops everything');

  return {
    summary,
    services: running,
    stop: () =>
      (stopped ??= (async () => {
        await Promise.all(running.map((service) => service.stop(15_000)));
        await Promise.all(embedded.map((database) => database.stop()));
        await kafka.stop();
        log('stopped');
      })()),
  };
}
