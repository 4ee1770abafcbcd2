// Vitest global setup (see the root vitest.config.ts): one real Kafka broker for the whole run, with every
// declared Inlet topic created once, its address handed to every test file through `inject('kafkaBrokers')`;
// and the run's PostgreSQL server, handed over as `inject('databaseUrl')`. Both come from testcontainers when
// nothing is configured or running and a Docker engine answers (INLET_CONTAINERS=never turns that off), else
// Kafka from the jar launcher and PostgreSQL from 127.0.0.1:5432. The first lines of the run say which.
// A broker the jar launcher starts also opens a SASL_SSL listener (TLS + SCRAM; its certificates cost about 4
// CPU-seconds of keytool at start, less than a second broker would), handed over as `inject('kafkaSecureEnv')`:
// the connection variables that reach it.
import type { TestProject } from 'vitest/node';
import { Kafka, logLevel } from 'kafkajs';
import { containerPolicy, dockerAnswers, startKafka } from '@inlet/local-kafka';
import { applyTopics, declaredTopics } from '@inlet/topics';
import { postgresAnswers, startTestPostgres, type TestPostgres } from './postgres-server.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const kafka = await startKafka({ security: 'sasl_ssl' });
  // Every other test speaks PLAINTEXT to the same broker, on the listener that needs no credentials.
  const plaintextBrokers = kafka.plaintextBrokers ?? kafka.brokers;
  let postgres: TestPostgres | undefined;
  const stopOnSignal = () => void Promise.all([kafka.stop(), postgres?.stop()]);
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    // Created here, before any test file runs: files creating the same topics in parallel would race.
    const admin = new Kafka({
      clientId: 'test-setup',
      brokers: plaintextBrokers,
      logLevel: logLevel.WARN,
    }).admin();
    await admin.connect();
    await applyTopics(admin, declaredTopics({ replicationFactor: 1 }), { replicationFactor: 1 });
    await admin.disconnect();
    postgres = await startTestPostgres(
      { databaseUrl: process.env.DATABASE_URL, containers: containerPolicy() },
      { postgresAnswers, dockerAnswers: () => dockerAnswers() },
      (line) => console.error(`[test-harness] ${line}`),
    );
  } catch (error) {
    await kafka.stop();
    throw error;
  }
  project.provide('kafkaBrokers', plaintextBrokers);
  // Only a broker started here has the SASL_SSL listener (not KAFKA_BROKERS' cluster, nor a container).
  project.provide(
    'kafkaSecureEnv',
    kafka.kind === 'local' && kafka.clientEnv.KAFKA_SECURITY_PROTOCOL === 'sasl_ssl' ? kafka.clientEnv : null,
  );
  project.provide('databaseUrl', postgres.url);
  return async () => {
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
    await Promise.all([kafka.stop(), postgres?.stop()]);
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string[];
    /** The connection variables of the run's broker's SASL_SSL listener; null when it has none. */
    kafkaSecureEnv: Record<string, string> | null;
    /** The run's PostgreSQL server (DATABASE_URL, the default address, or a container). */
    databaseUrl: string;
  }
}
