import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { LocalKafkaError } from './errors.js';
import type { ContainerPolicy } from './containers.js';

/**
 * How clients reach a broker the launcher starts: `plaintext`, or `sasl_ssl` (a TLS listener with SCRAM users,
 * the way managed clusters are reached). Kafka's own protocol names, as KAFKA_SECURITY_PROTOCOL takes them.
 */
export type LocalKafkaSecurity = 'plaintext' | 'sasl_ssl';

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
  /**
   * May the broker come from a testcontainers container when Docker answers? Unset: INLET_CONTAINERS (default
   * auto). A test that needs suspend()/resume() or the JVM's pid says 'never'.
   */
  containers?: ContainerPolicy;
  /** Where progress lines go; the launcher is quiet otherwise. */
  log: (line: string) => void;
  /**
   * The listener clients get (a local broker only; the default comes from KAFKA_SECURITY_PROTOCOL, see
   * securityFromEnv). A sasl_ssl broker keeps its loopback PLAINTEXT listener too, for tests and tools.
   */
  security: LocalKafkaSecurity;
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

// 4.4.0 is the newest Kafka that Maven Central serves here; kafkajs 2.2.4 produces (acks=all, idempotent),
// consumes in a group, commits and administers topics against it (proved by test/local-kafka.test.ts).
export const defaultOptions: Omit<LocalKafkaOptions, 'security'> = {
  kafkaVersion: process.env.KAFKA_VERSION ?? '4.4.0',
  cacheDir: process.env.INLET_CACHE_DIR ?? join(repoRoot, '.cache'),
  maxHeap: '1g',
  readyTimeoutMs: 90_000,
  stopTimeoutMs: 20_000,
  useKafkaBrokersEnv: true,
  log: (line) => console.error(`[local-kafka] ${line}`),
};

export function resolveOptions(overrides: Partial<LocalKafkaOptions> = {}): LocalKafkaOptions {
  return { ...defaultOptions, ...overrides, security: overrides.security ?? securityFromEnv() };
}

/**
 * `KAFKA_SECURITY_PROTOCOL=sasl_ssl` with no KAFKA_BROKERS asks for a local broker reached over SASL_SSL. With
 * KAFKA_BROKERS set the variable describes that cluster, not one we start, so it is not ours to read.
 */
export function securityFromEnv(env: NodeJS.ProcessEnv = process.env): LocalKafkaSecurity {
  if (env.KAFKA_BROKERS?.trim()) return 'plaintext';
  const protocol = env.KAFKA_SECURITY_PROTOCOL?.trim().toLowerCase();
  if (!protocol || protocol === 'plaintext') return 'plaintext';
  if (protocol === 'sasl_ssl') return 'sasl_ssl';
  throw new LocalKafkaError(
    'INLET_KAFKA_SECURITY',
    `KAFKA_SECURITY_PROTOCOL=${protocol}: the local broker offers plaintext or sasl_ssl. Set one of them, ` +
      'or set KAFKA_BROKERS to a cluster that speaks that protocol.',
  );
}
