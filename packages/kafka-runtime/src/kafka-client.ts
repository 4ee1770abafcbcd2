import { Kafka, logLevel, type KafkaConfig, type LogEntry } from 'kafkajs';
import { kafkaClientConfig, type KafkaConnection } from '@inlet/kafka-connection';

/** The part of a pino logger kafkajs' messages are written to. */
export interface RuntimeLogger {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface KafkaClientOptions {
  /** Brokers, TLS and SASL, from loadKafkaConnection (a test may give `{ brokers, securityProtocol: 'plaintext' }`). */
  connection: KafkaConnection;
  clientId: string;
  logger?: RuntimeLogger;
  /** Overrides for tests (e.g. shorter timeouts). */
  config?: Partial<KafkaConfig>;
}

/** A kafkajs client whose log lines go to our structured logger instead of kafkajs' console JSON. */
export function createKafkaClient({ connection, clientId, logger, config }: KafkaClientOptions): Kafka {
  return new Kafka({
    clientId,
    ...kafkaClientConfig(connection),
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => forward(logger, entry),
    ...config,
  });
}

/**
 * kafkajs warns whenever an idempotent producer's retries are bounded. BatchingProducer bounds them on purpose
 * (a Kafka outage becomes 503s the sender retries, not an ever-growing backlog; idempotence still holds within
 * the retries it makes), so at every start that warning would cry wolf: it is logged at info instead.
 */
const expectedWarnings = new Set([
  'Limiting retries for the idempotent producer may invalidate EoS guarantees',
]);

function forward(logger: RuntimeLogger | undefined, { level, namespace, log }: LogEntry): void {
  if (!logger) return;
  const { message, timestamp: _timestamp, logger: _name, ...fields } = log;
  const line = { kafkajs: namespace, ...fields };
  if (level === logLevel.WARN && expectedWarnings.has(message)) logger.info(line, message);
  else if (level === logLevel.ERROR) logger.error(line, message);
  else if (level === logLevel.WARN) logger.warn(line, message);
  else if (level === logLevel.INFO) logger.info(line, message);
  else logger.debug(line, message);
}
