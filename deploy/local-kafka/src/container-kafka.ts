import { plaintextClientEnv } from './client-env.js';
import { LocalKafkaError } from './errors.js';
import type { LocalKafkaOptions } from './options.js';
import { waitUntilReady } from './readiness.js';
import type { RunningKafka } from './start-kafka.js';

/**
 * Confluent Platform 8.1 is Apache Kafka 4.1 (the compose file's broker); from 8.0 on, @testcontainers/kafka
 * runs it in KRaft mode (combined broker and controller, no ZooKeeper). The module supports only
 * confluentinc/cp-kafka images.
 */
export const kafkaContainerImage = 'confluentinc/cp-kafka:8.1.1';

/** The plaintext listener @testcontainers/kafka publishes on a random host port. */
const kafkaContainerPort = 9093;

/**
 * The same broker settings the jar launcher writes (broker-config.ts) where the image's defaults differ: no
 * topic auto-creation, so an undeclared topic fails loudly; internal topics that fit one broker.
 */
const brokerEnvironment = {
  KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
  KAFKA_NUM_PARTITIONS: '1',
  KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
  KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS: '1',
};

/**
 * A single-node KRaft broker in a container started by testcontainers. It is ready only once the same
 * produce/consume/commit round trip as the jar launcher's succeeds. testcontainers' reaper (Ryuk) removes the
 * container when this process dies, even by SIGKILL. Unlike the jar broker it offers no suspend/resume:
 * tests that stop and restart their broker ask for the jars (`containers: 'never'`).
 */
export async function startContainerKafka(
  options: LocalKafkaOptions,
  started: number,
): Promise<RunningKafka> {
  options.log(
    `Kafka from a testcontainers container (${kafkaContainerImage}); the first run pulls the image`,
  );
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const running = await new KafkaContainer(kafkaContainerImage)
    .withEnvironment(brokerEnvironment)
    .start()
    .catch((error: unknown) => {
      throw new LocalKafkaError(
        'INLET_KAFKA_CONTAINER_FAILED',
        `the Kafka container (${kafkaContainerImage}) did not start: ${(error as Error).message}. Set ` +
          'INLET_CONTAINERS=never to use the jar launcher instead, or KAFKA_BROKERS to use a running cluster.',
        { cause: error },
      );
    });
  const brokers = [`${running.getHost()}:${running.getMappedPort(kafkaContainerPort)}`];
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= running.stop({ timeout: options.stopTimeoutMs }).then(() => undefined));
  try {
    await waitUntilReady(brokers, options.readyTimeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  const startupMs = Date.now() - started;
  options.log(
    `Kafka from a testcontainers container (${kafkaContainerImage}) ready at ${brokers.join(',')} ` +
      `(PLAINTEXT only) in ${startupMs} ms (container ${running.getId().slice(0, 12)})`,
  );
  return {
    brokers,
    plaintextBrokers: brokers,
    kind: 'container',
    clientEnv: plaintextClientEnv(brokers),
    startupMs,
    stop,
  };
}
