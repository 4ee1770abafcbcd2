import type { ContainerPolicy } from './containers.js';

export interface KafkaSourceInputs {
  /** KAFKA_BROKERS when the caller honours it (undefined or blank: start a broker). */
  kafkaBrokers: string | undefined;
  containers: ContainerPolicy;
  /**
   * KAFKA_SECURITY_PROTOCOL=sasl_ssl (without KAFKA_BROKERS): a person asked for a SASL_SSL broker, which only
   * the jar launcher makes. A caller's own `security` option does not count: the test harness asks for that
   * listener where the jars run and takes a PLAINTEXT container otherwise.
   */
  saslSslAsked: boolean;
}

export type KafkaSource =
  { kind: 'external'; brokers: string[] } | { kind: 'container' } | { kind: 'jars'; reason: string };

/**
 * Where the broker comes from, in this order:
 *   1. KAFKA_BROKERS names a cluster: use it, start nothing.
 *   2. INLET_CONTAINERS=never: the jar launcher, without asking Docker.
 *   3. KAFKA_SECURITY_PROTOCOL=sasl_ssl: the jar launcher, which makes the certificates and SCRAM users of a
 *      SASL_SSL listener; the container path offers PLAINTEXT only.
 *   4. A Docker engine answers: a testcontainers Kafka container (needs no Java or Maven, and testcontainers'
 *      reaper removes it even when the run is killed).
 *   5. Otherwise: the jar launcher.
 * `dockerAnswers` is called only when its answer decides (step 4): no Docker probe when KAFKA_BROKERS is set.
 */
export async function chooseKafkaSource(
  inputs: KafkaSourceInputs,
  dockerAnswers: () => Promise<boolean>,
): Promise<KafkaSource> {
  const external = inputs.kafkaBrokers?.trim();
  if (external) return { kind: 'external', brokers: external.split(',').map((broker) => broker.trim()) };
  if (inputs.containers === 'never') return { kind: 'jars', reason: 'INLET_CONTAINERS=never' };
  if (inputs.saslSslAsked) {
    return {
      kind: 'jars',
      reason: 'KAFKA_SECURITY_PROTOCOL=sasl_ssl: only the jar launcher makes that listener',
    };
  }
  if (await dockerAnswers()) return { kind: 'container' };
  return { kind: 'jars', reason: 'no Docker engine answered' };
}
