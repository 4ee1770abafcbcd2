import { randomBytes } from 'node:crypto';

export interface BrokerLayout {
  port: number;
  controllerPort: number;
  dataDir: string;
  logDir: string;
  /** Adds a SASL_SSL listener (SCRAM-SHA-512 and SCRAM-SHA-256 over TLS) next to the PLAINTEXT one. */
  secured?: SecuredListener;
}

export interface SecuredListener {
  port: number;
  keystoreFile: string;
  truststoreFile: string;
  storePassword: string;
}

/** The SCRAM mechanisms the SASL_SSL listener accepts; the strongest first. */
export const scramMechanisms = ['SCRAM-SHA-512', 'SCRAM-SHA-256'] as const;

/**
 * A single-node combined broker+controller tuned to start in seconds: one partition for the internal
 * topics, replication factor 1, no initial rebalance delay. Topic auto-creation is off so that a topic
 * missing from the declaration (packages/topics) fails loudly instead of appearing with defaults.
 */
export function serverProperties(layout: BrokerLayout): string {
  const entries: Record<string, string | number> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${layout.controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${layout.port},CONTROLLER://127.0.0.1:${layout.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${layout.port}`,
    'inter.broker.listener.name': 'PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    ...(layout.secured ? securedListener(layout, layout.secured) : {}),
    'log.dirs': layout.dataDir,
    'num.partitions': 1,
    'auto.create.topics.enable': 'false',
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'share.coordinator.state.topic.num.partitions': 1,
    'group.initial.rebalance.delay.ms': 0,
  };
  return Object.entries(entries)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')
    .concat('\n');
}

/**
 * The SASL_SSL listener, as a managed cluster exposes it to clients: TLS with a certificate the client verifies
 * (host name included), then SCRAM. Only clients use it. The broker's own traffic (broker to controller, and
 * broker to itself as its inter-broker listener) stays on the PLAINTEXT and CONTROLLER listeners: they are bound
 * to 127.0.0.1 in a single-node cluster, so TLS there would protect nothing and only slow every start; a real
 * multi-node cluster secures those listeners too, which is the operator's side (Strimzi does it by default).
 */
function securedListener(layout: BrokerLayout, secured: SecuredListener): Record<string, string> {
  const { port, keystoreFile, truststoreFile, storePassword } = secured;
  const prefix = 'listener.name.sasl_ssl';
  const jaas = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';
  return {
    listeners: `PLAINTEXT://127.0.0.1:${layout.port},SASL_SSL://127.0.0.1:${port},CONTROLLER://127.0.0.1:${layout.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${layout.port},SASL_SSL://127.0.0.1:${port}`,
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL',
    'sasl.enabled.mechanisms': scramMechanisms.join(','),
    // SCRAM credentials live in the cluster metadata (added at format time); the login module only has to be
    // named, once per mechanism, for the listener to accept it.
    ...Object.fromEntries(
      scramMechanisms.map((mechanism) => [`${prefix}.${mechanism.toLowerCase()}.sasl.jaas.config`, jaas]),
    ),
    [`${prefix}.ssl.keystore.type`]: 'PKCS12',
    [`${prefix}.ssl.keystore.location`]: keystoreFile,
    [`${prefix}.ssl.keystore.password`]: storePassword,
    [`${prefix}.ssl.truststore.type`]: 'PKCS12',
    [`${prefix}.ssl.truststore.location`]: truststoreFile,
    [`${prefix}.ssl.truststore.password`]: storePassword,
    // Clients prove who they are with SCRAM, not with a certificate.
    [`${prefix}.ssl.client.auth`]: 'none',
  };
}

/** log4j2 in properties form (needs no YAML/JSON parser on the classpath): server log to a file. */
export function log4jProperties(logDir: string): string {
  return [
    'status = warn',
    'appender.file.type = File',
    'appender.file.name = file',
    `appender.file.fileName = ${logDir}/server.log`,
    'appender.file.layout.type = PatternLayout',
    'appender.file.layout.pattern = [%d] %p %m (%c)%n',
    'rootLogger.level = INFO',
    'rootLogger.appenderRef.file.ref = file',
    // The controller and request loggers are chatty at INFO and slow nothing down when quiet.
    'logger.request.name = kafka.request.logger',
    'logger.request.level = WARN',
    'logger.controller.name = org.apache.kafka.controller',
    'logger.controller.level = WARN',
    '',
  ].join('\n');
}

/** A KRaft cluster id: 16 random bytes, base64url without padding (what `StorageTool random-uuid` prints). */
export function randomClusterId(): string {
  return randomBytes(16).toString('base64url');
}
