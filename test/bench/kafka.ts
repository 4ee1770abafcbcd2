import { Kafka, logLevel, type Admin } from 'kafkajs';
import { kafkaClientConfig, loadKafkaConnection } from '@inlet/kafka-connection';
import { defaultOptions, startKafka, type LocalKafkaOptions } from '@inlet/local-kafka';
import { applyTopics, declaredTopics } from '@inlet/topics';
import type { Cleanup } from './cleanup.js';

export interface BenchKafka {
  brokers: string[];
  /** The KAFKA_* variables that reach it (TLS and SASL included), for the ingress under test. */
  clientEnv: Record<string, string>;
  /** For the report: the launcher's version for a local broker; an external cluster does not say. */
  version: string;
  admin: Admin;
  /** The broker's JVM, when the bench started it from the jars (to freeze it); none for other brokers. */
  pid: number | undefined;
}

/** A real broker (KAFKA_BROKERS, or a local KRaft one) with every declared topic, as `npm start` prepares it. */
export async function startBenchKafka(
  cleanup: Cleanup,
  overrides: Partial<LocalKafkaOptions> = {},
): Promise<BenchKafka> {
  const running = await startKafka(overrides);
  cleanup.add('Kafka', () => running.stop());
  const admin = new Kafka({
    clientId: 'inlet-bench',
    ...kafkaClientConfig(loadKafkaConnection(running.clientEnv)),
    logLevel: logLevel.WARN,
  }).admin();
  await admin.connect();
  cleanup.add('Kafka admin', () => admin.disconnect());
  await applyTopics(admin, declaredTopics({ replicationFactor: 1 }), { replicationFactor: 1 });
  return {
    brokers: running.brokers,
    clientEnv: running.clientEnv,
    version:
      running.kind === 'local'
        ? `${defaultOptions.kafkaVersion} (local KRaft, started in ${running.startupMs} ms)`
        : `external cluster ${running.brokers.join(',')} (version not reported)`,
    admin,
    pid: running.kind === 'local' ? running.pid : undefined,
  };
}

/** Records ever written to the topic: the sum of its partitions' high-water marks. */
export async function recordsOnTopic(admin: Admin, topic: string): Promise<number> {
  const partitions = await admin.fetchTopicOffsets(topic);
  return partitions.reduce((sum, partition) => sum + Number(partition.high), 0);
}
