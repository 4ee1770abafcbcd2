import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export interface LocalKafkaOptions {
  /** Apache Kafka version fetched from Maven Central (env KAFKA_VERSION). */
  kafkaVersion: string;
  /** Where fetched jars are kept between runs (env INLET_CACHE_DIR); git ignores it. */
  cacheDir: string;
  /** JVM heap ceiling for the broker. */
  maxHeap: string;
  /** How long to wait for the broker to accept produce and consume. */
  readyTimeoutMs: number;
  /** How long a clean shutdown may take before the JVM is killed. */
  stopTimeoutMs: number;
  /** Use the cluster named by KAFKA_BROKERS when it is set (a test that must stop its broker says false). */
  useKafkaBrokersEnv: boolean;
  /** Where progress lines go; the launcher is quiet otherwise. */
  log: (line: string) => void;
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

// 4.4.0 is the newest Kafka that Maven Central serves here; kafkajs 2.2.4 produces (acks=all, idempotent),
// consumes in a group, commits and administers topics against it (proved by test/local-kafka.test.ts).
export const defaultOptions: LocalKafkaOptions = {
  kafkaVersion: process.env.KAFKA_VERSION ?? '4.4.0',
  cacheDir: process.env.INLET_CACHE_DIR ?? join(repoRoot, '.cache'),
  maxHeap: '1g',
  readyTimeoutMs: 90_000,
  stopTimeoutMs: 20_000,
  useKafkaBrokersEnv: true,
  log: (line) => console.error(`[local-kafka] ${line}`),
};

export function resolveOptions(overrides: Partial<LocalKafkaOptions> = {}): LocalKafkaOptions {
  return { ...defaultOptions, ...overrides };
}
