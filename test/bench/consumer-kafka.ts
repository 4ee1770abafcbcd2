import { Kafka, logLevel } from 'kafkajs';
import { kafkaClientConfig, loadKafkaConnection } from '@inlet/kafka-connection';

/**
 * A kafkajs client on the run's broker (TLS and SASL included). Quiet below warnings by default; the topic
 * recreation asks for silence, because kafkajs logs as errors the "does not host this topic-partition" answers
 * a broker gives while new topics reach its metadata, which it then retries.
 */
export function benchKafkaClient(
  clientEnv: Record<string, string>,
  { clientId = 'inlet-bench', quiet = false }: { clientId?: string; quiet?: boolean } = {},
): Kafka {
  return new Kafka({
    clientId,
    ...kafkaClientConfig(loadKafkaConnection(clientEnv)),
    logLevel: quiet ? logLevel.NOTHING : logLevel.WARN,
  });
}
