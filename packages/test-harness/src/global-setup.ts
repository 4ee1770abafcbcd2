// Vitest global setup (see the root vitest.config.ts): one real Kafka broker for the whole run, with every
// declared Inlet topic created once, its address handed to every test file through `inject('kafkaBrokers')`.
import type { TestProject } from 'vitest/node';
import { Kafka, logLevel } from 'kafkajs';
import { startKafka } from '@inlet/local-kafka';
import { applyTopics, declaredTopics } from '@inlet/topics';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const kafka = await startKafka();
  const stopOnSignal = () => void kafka.stop();
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    // Created here, before any test file runs: files creating the same topics in parallel would race.
    const admin = new Kafka({
      clientId: 'test-setup',
      brokers: kafka.brokers,
      logLevel: logLevel.WARN,
    }).admin();
    await admin.connect();
    await applyTopics(admin, declaredTopics({ replicationFactor: 1 }), { replicationFactor: 1 });
    await admin.disconnect();
  } catch (error) {
    await kafka.stop();
    throw error;
  }
  project.provide('kafkaBrokers', kafka.brokers);
  return async () => {
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
    await kafka.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string[];
  }
}
