import { inject } from 'vitest';
import { startKafka, type RunningKafka } from '@inlet/local-kafka';
import './global-setup.js';

/**
 * The connection variables (KAFKA_BROKERS, KAFKA_SECURITY_PROTOCOL=sasl_ssl, KAFKA_SSL_CA_FILE, the SCRAM user)
 * of the run's broker's SASL_SSL listener, or null when the run's broker has none (KAFKA_BROKERS named a
 * cluster, or it runs in a container).
 */
export function kafkaSecureEnv(): Record<string, string> | null {
  return inject('kafkaSecureEnv');
}

export interface SecureKafka {
  clientEnv: Record<string, string>;
  /** Stops the broker when this file had to start its own; a no-op for the run's broker. */
  stop(): Promise<void>;
}

/**
 * A broker with a SASL_SSL listener: the run's when it has one, otherwise one this test file starts from the
 * jars (whatever KAFKA_BROKERS or Docker say), so that the secured tests always run against a real listener.
 */
export async function secureKafka(): Promise<SecureKafka> {
  const shared = kafkaSecureEnv();
  if (shared) return { clientEnv: shared, stop: async () => undefined };
  const own: RunningKafka = await startKafka({
    security: 'sasl_ssl',
    useKafkaBrokersEnv: false,
    containers: 'never',
    log: () => undefined,
  });
  return { clientEnv: own.clientEnv, stop: () => own.stop() };
}
