import type { ConnectionOptions } from 'node:tls';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { readSetting } from './env.js';
import type { OAuthTokenProviderOptions } from './oauth-token-provider.js';
import { readSaslMechanism, readSaslSettings, strayCredential } from './sasl-options.js';
import { KafkaSettingsError } from './settings-error.js';
import { readTlsSettings, tlsVariables } from './tls-options.js';

export const securityProtocols = ['plaintext', 'ssl', 'sasl_plaintext', 'sasl_ssl'] as const;
export type SecurityProtocol = (typeof securityProtocols)[number];

/** Everything a kafkajs client needs to reach and authenticate to the cluster. */
export interface KafkaConnection {
  brokers: string[];
  securityProtocol: SecurityProtocol;
  /** Passed to `tls.connect`; present exactly when the protocol uses TLS. */
  ssl?: ConnectionOptions;
  sasl?: SASLOptions;
  /** Where the settings came from, without secrets: what describeKafkaConnection and error messages print. */
  origin?: ConnectionOrigin;
}

export interface ConnectionOrigin {
  caFile?: string;
  certFile?: string;
  username?: string;
  tokenUrl?: string;
  clientId?: string;
}

export interface LoadOptions {
  /** Options for the OAUTHBEARER token provider (tests shorten its clock). */
  oauth?: OAuthTokenProviderOptions;
}

/**
 * Reads the Kafka connection settings from the environment (and the files its `*_FILE` variables name). Every
 * problem throws a KafkaSettingsError naming the variable, so a process stops at start with the fix in its log.
 */
export function loadKafkaConnection(
  env: NodeJS.ProcessEnv = process.env,
  options: LoadOptions = {},
): KafkaConnection {
  const brokers = readBrokers(env);
  const securityProtocol = readSecurityProtocol(env);
  const usesTls = securityProtocol === 'ssl' || securityProtocol === 'sasl_ssl';
  const usesSasl = securityProtocol === 'sasl_plaintext' || securityProtocol === 'sasl_ssl';
  const protocolSetting = `KAFKA_SECURITY_PROTOCOL=${securityProtocol}${env.KAFKA_SECURITY_PROTOCOL?.trim() ? '' : ' (the default)'}`;

  const mechanism = readSaslMechanism(env);
  if (mechanism && !usesSasl)
    throw new KafkaSettingsError(
      'KAFKA_SECURITY_PROTOCOL',
      `KAFKA_SASL_MECHANISM=${mechanism} is set but ${protocolSetting} does not use SASL: set KAFKA_SECURITY_PROTOCOL to sasl_ssl (or sasl_plaintext), or unset KAFKA_SASL_MECHANISM`,
    );
  if (usesSasl && !mechanism)
    throw new KafkaSettingsError(
      'KAFKA_SASL_MECHANISM',
      `KAFKA_SASL_MECHANISM is required when ${protocolSetting}: one of plain, scram-sha-256, scram-sha-512, oauthbearer`,
    );
  const stray = mechanism ? undefined : strayCredential(env);
  if (stray)
    throw new KafkaSettingsError(
      'KAFKA_SASL_MECHANISM',
      `${stray} is set but KAFKA_SASL_MECHANISM is not: set the mechanism (and KAFKA_SECURITY_PROTOCOL=sasl_ssl) or unset ${stray}`,
    );
  const strayTls = usesTls ? undefined : tlsVariables.find((name) => readSetting(env, name) !== undefined);
  if (strayTls)
    throw new KafkaSettingsError(
      'KAFKA_SECURITY_PROTOCOL',
      `${strayTls} is set but ${protocolSetting} does not use TLS: set KAFKA_SECURITY_PROTOCOL to ssl or sasl_ssl, or unset ${strayTls}`,
    );

  const tls = usesTls ? readTlsSettings(env) : undefined;
  const sasl = mechanism ? readSaslSettings(env, mechanism, options.oauth) : undefined;
  const origin: ConnectionOrigin = {
    ...(tls?.caFile ? { caFile: tls.caFile } : {}),
    ...(tls?.certFile ? { certFile: tls.certFile } : {}),
    ...(sasl?.username ? { username: sasl.username } : {}),
    ...(sasl?.tokenUrl ? { tokenUrl: sasl.tokenUrl } : {}),
    ...(sasl?.clientId ? { clientId: sasl.clientId } : {}),
  };
  return {
    brokers,
    securityProtocol,
    ...(tls ? { ssl: tls.options } : {}),
    ...(sasl ? { sasl: sasl.options } : {}),
    ...(Object.keys(origin).length > 0 ? { origin } : {}),
  };
}

/** The brokers/ssl/sasl part of `new Kafka({...})`. */
export function kafkaClientConfig(
  connection: KafkaConnection,
): Pick<KafkaConfig, 'brokers' | 'ssl' | 'sasl'> {
  return {
    brokers: connection.brokers,
    ...(connection.ssl ? { ssl: connection.ssl } : {}),
    ...(connection.sasl ? { sasl: connection.sasl } : {}),
  };
}

/** One line for start-up logs: where, how, as whom; never a secret. */
export function describeKafkaConnection(connection: KafkaConnection): string {
  const { origin = {} } = connection;
  const parts = [`brokers=${connection.brokers.join(',')}`, `security=${connection.securityProtocol}`];
  if (connection.ssl) {
    parts.push(`tls-ca=${origin.caFile ?? 'system'}`);
    if (origin.certFile) parts.push(`client-cert=${origin.certFile}`);
  }
  if (connection.sasl) {
    parts.push(`sasl=${connection.sasl.mechanism}`);
    if (origin.username) parts.push(`user=${origin.username}`);
    if (origin.clientId) parts.push(`oauth-client=${origin.clientId}`);
    if (origin.tokenUrl) parts.push(`token-url=${origin.tokenUrl}`);
  }
  return `kafka ${parts.join(' ')}`;
}

function readBrokers(env: NodeJS.ProcessEnv): string[] {
  const raw = readSetting(env, 'KAFKA_BROKERS');
  if (!raw)
    throw new KafkaSettingsError(
      'KAFKA_BROKERS',
      'KAFKA_BROKERS is not set: give the Kafka bootstrap servers as host:port[,host:port]',
    );
  const brokers = raw
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  const malformed = brokers.find((broker) => !/^(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+):\d{1,5}$/.test(broker));
  if (malformed !== undefined)
    throw new KafkaSettingsError(
      'KAFKA_BROKERS',
      `KAFKA_BROKERS: "${malformed}" is not host:port (give the bootstrap servers as host:port[,host:port])`,
    );
  return brokers;
}

function readSecurityProtocol(env: NodeJS.ProcessEnv): SecurityProtocol {
  const raw = readSetting(env, 'KAFKA_SECURITY_PROTOCOL');
  if (raw === undefined) return 'plaintext';
  // Kafka's own configuration spells them in capitals (SASL_SSL); both spellings are accepted.
  const protocol = raw.toLowerCase();
  if (!(securityProtocols as readonly string[]).includes(protocol))
    throw new KafkaSettingsError(
      'KAFKA_SECURITY_PROTOCOL',
      `KAFKA_SECURITY_PROTOCOL must be one of ${securityProtocols.join(', ')} (got "${raw}")`,
    );
  return protocol as SecurityProtocol;
}
