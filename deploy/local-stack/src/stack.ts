import { Kafka, logLevel } from 'kafkajs';
import { describeKafkaConnection, kafkaClientConfig, loadKafkaConnection } from '@inlet/kafka-connection';
import { connectionVariables, containerPolicy, dockerAnswers, type RunningKafka } from '@inlet/local-kafka';
import { applyTopics, declaredTopics, summarize } from '@inlet/topics';
import {
  postgresAnswers,
  startEmbeddedPostgres,
  startStackPostgres,
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
  // The stack's own client connects as its services will: with the broker's client environment.
  const connection = loadKafkaConnection(kafka.clientEnv);
  const admin = new Kafka({
    clientId: 'inlet-stack',
    ...kafkaClientConfig(connection),
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
    // The security mode included (security=plaintext|sasl_ssl, the CA, the SASL user): never a secret.
    `Kafka       ${kafka.kind}: ${describeKafkaConnection(connection)}` +
      `${kafka.logFile ? ` (logs ${kafka.logFile})` : ''}`,
  ];
  if (kafka.clientEnvFile)
    summary.push(`            its client settings for a shell: set -a; . ${kafka.clientEnvFile}; set +a`);
  // DATABASE_URL or the default address when it answers, else a container when Docker answers, else PGlite.
  const postgres = await startStackPostgres(
    { databaseUrl: process.env.DATABASE_URL, containers: containerPolicy() },
    { postgresAnswers, dockerAnswers: () => dockerAnswers() },
  );
  const sharedPostgres = postgres.url;
  summary.push(postgres.summary);
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
    // Exactly the broker's client settings: a KAFKA_* variable of this shell that they do not set (say
    // KAFKA_SECURITY_PROTOCOL=sasl_ssl left over for another cluster) must not reach the service.
    const env: NodeJS.ProcessEnv = {
      ...Object.fromEntries(connectionVariables.map((name) => [name, undefined])),
      ...kafka.clientEnv,
    };
    if (sharedPostgres) {
      env.DATABASE_URL = sharedPostgres;
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
        await postgres.stop();
        await kafka.stop();
        log('stopped');
      })()),
  };
}
