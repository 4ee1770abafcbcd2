import type { KafkaConnection } from './connection.js';
import { KafkaSettingsError } from './settings-error.js';

/**
 * Node's codes for a broker certificate the client does not trust: fixed by trusting the right CA. (kafkajs
 * copies the socket error's code onto its KafkaJSConnectionError, and its retrier keeps that error as `cause`.)
 */
const untrustedCertificateCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
]);

/** TLS alerts a broker sends when it requires a client certificate (mTLS) and did not get one it trusts. */
const clientCertificateRefusedCodes = new Set([
  'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
]);

/** What a TLS client sees when the port speaks plain Kafka (the broker drops the connection on the hello). */
const notTlsCodes = new Set([
  'ECONNRESET',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
]);
const notTlsMessage =
  /before secure TLS connection was established|wrong version number|packet length too long/i;

/** What a plain client sees from a TLS (or SASL) listener: it answers nothing Kafka understands and hangs up. */
const closedByBrokerMessage = /Closed connection|Connection closed by the server/i;

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  type?: string;
  broker?: string;
}

/**
 * Turns a failed first connection into the setting to fix, or undefined when the failure says nothing about the
 * settings (the broker is down or unreachable: retrying, or restarting the process, is then the right answer).
 * kafkajs wraps the socket or SASL error it met (KafkaJSNumberOfRetriesExceeded, KafkaJSNonRetriableError, a
 * consumer's own error...), keeping it as `cause` (or `originalError`), so the whole chain is searched.
 */
export function explainKafkaConnectError(
  error: unknown,
  connection: KafkaConnection,
): KafkaSettingsError | undefined {
  const chain = errorChain(error);
  const settings = chain.find((entry): entry is KafkaSettingsError => entry instanceof KafkaSettingsError);
  if (settings) return settings;

  const broker = chain.find((entry) => entry.broker)?.broker ?? connection.brokers.join(',');
  const usesTls = connection.securityProtocol === 'ssl' || connection.securityProtocol === 'sasl_ssl';
  const usesSasl = connection.sasl !== undefined;

  // kafkajs' own SASL error first: a wrapper that repeats its message (a consumer's "Kafka is unreachable: ...")
  // would quote the broker's words less plainly.
  const sasl =
    chain.find((entry) => entry.name === 'KafkaJSSASLAuthenticationError') ?? chain.find(isSaslFailure);
  if (sasl) return explainSaslFailure(sasl, connection, broker);

  const codes = chain.map((entry) => entry.code).filter((code): code is string => typeof code === 'string');
  const messages = chain.map((entry) => entry.message ?? '').join(' | ');

  const untrusted = codes.find((code) => untrustedCertificateCodes.has(code));
  if (untrusted) {
    const trusted = connection.origin?.caFile
      ? `KAFKA_SSL_CA_FILE=${connection.origin.caFile} does not hold the CA that signed it`
      : 'the system CAs do not trust it: set KAFKA_SSL_CA_FILE to the PEM of the CA that signed it';
    return fromCause(
      'KAFKA_SSL_CA_FILE',
      `the TLS certificate of Kafka broker ${broker} is not trusted (${untrusted}): ${trusted}`,
      error,
    );
  }
  if (codes.includes('ERR_TLS_CERT_ALTNAME_INVALID'))
    return fromCause(
      'KAFKA_BROKERS',
      `the TLS certificate of Kafka broker ${broker} does not name that host (ERR_TLS_CERT_ALTNAME_INVALID): ` +
        'give KAFKA_BROKERS the host names the certificate lists (or check KAFKA_SSL_CA_FILE is the right CA)',
      error,
    );
  const refusedCertificate = codes.find((code) => clientCertificateRefusedCodes.has(code));
  if (usesTls && refusedCertificate)
    return fromCause(
      'KAFKA_SSL_CERT_FILE',
      `Kafka broker ${broker} refused the TLS handshake (${refusedCertificate}): it wants a client certificate ` +
        `it trusts: ${connection.origin?.certFile ? `check KAFKA_SSL_CERT_FILE=${connection.origin.certFile} and KAFKA_SSL_KEY_FILE` : 'set KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE'}`,
      error,
    );
  if (usesTls && (codes.some((code) => notTlsCodes.has(code)) || notTlsMessage.test(messages)))
    return fromCause(
      'KAFKA_SECURITY_PROTOCOL',
      `Kafka broker ${broker} dropped the TLS handshake: it looks like a plaintext listener. Check ` +
        `KAFKA_SECURITY_PROTOCOL=${connection.securityProtocol} and the port in KAFKA_BROKERS`,
      error,
    );
  if (!usesTls && closedByBrokerMessage.test(messages))
    return fromCause(
      'KAFKA_SECURITY_PROTOCOL',
      `Kafka broker ${broker} closed the connection as soon as it was opened: its listener probably wants ` +
        `${usesSasl ? 'TLS' : 'TLS or SASL'}. Check KAFKA_SECURITY_PROTOCOL=${connection.securityProtocol} ` +
        '(ssl, sasl_ssl) and the port in KAFKA_BROKERS',
      error,
    );
  if (usesTls && !usesSasl && chain.some((entry) => entry.type === 'ILLEGAL_SASL_STATE'))
    return fromCause(
      'KAFKA_SECURITY_PROTOCOL',
      `Kafka broker ${broker} requires SASL: set KAFKA_SECURITY_PROTOCOL=sasl_ssl and KAFKA_SASL_MECHANISM`,
      error,
    );
  return undefined;
}

function isSaslFailure(entry: ErrorLike): boolean {
  return (
    entry.name === 'KafkaJSSASLAuthenticationError' ||
    entry.type === 'SASL_AUTHENTICATION_FAILED' ||
    entry.type === 'UNSUPPORTED_SASL_MECHANISM' ||
    /SASL .*authentication failed|Invalid username or password/i.test(entry.message ?? '')
  );
}

function explainSaslFailure(
  failure: ErrorLike,
  connection: KafkaConnection,
  broker: string,
): KafkaSettingsError {
  const mechanism = connection.sasl?.mechanism ?? 'none';
  const said = failure.message ?? 'authentication failed';
  if (failure.type === 'UNSUPPORTED_SASL_MECHANISM' || /mechanism is not supported/i.test(said))
    return fromCause(
      'KAFKA_SASL_MECHANISM',
      `Kafka broker ${broker} does not accept KAFKA_SASL_MECHANISM=${mechanism} on this listener (${said})`,
      failure,
    );
  if (mechanism === 'oauthbearer')
    return fromCause(
      'KAFKA_OAUTH_CLIENT_ID',
      `Kafka broker ${broker} refused the OAuth token of client "${connection.origin?.clientId ?? '?'}" (${said}): ` +
        'check KAFKA_OAUTH_CLIENT_ID, KAFKA_OAUTH_CLIENT_SECRET, KAFKA_OAUTH_SCOPE and KAFKA_OAUTH_TOKEN_URL ' +
        '(the token must be issued for this cluster)',
      failure,
    );
  const user = connection.origin?.username ? ` of user "${connection.origin.username}"` : '';
  return fromCause(
    'KAFKA_SASL_PASSWORD',
    `Kafka broker ${broker} refused the SASL ${mechanism} login${user} (${said}): check KAFKA_SASL_USERNAME ` +
      'and KAFKA_SASL_PASSWORD (or their _FILE variants)',
    failure,
  );
}

function fromCause(variable: string, message: string, cause: unknown): KafkaSettingsError {
  return new KafkaSettingsError(variable, message, { cause });
}

/** The error and what it wraps (`cause`, kafkajs' `originalError`, an AggregateError's `errors`), once each. */
function errorChain(error: unknown): ErrorLike[] {
  const seen = new Set<unknown>();
  const chain: ErrorLike[] = [];
  const visit = (entry: unknown, depth: number) => {
    if (depth > 10 || entry === null || typeof entry !== 'object' || seen.has(entry)) return;
    seen.add(entry);
    chain.push(entry as ErrorLike);
    const wrapped = entry as { cause?: unknown; originalError?: unknown; errors?: unknown };
    visit(wrapped.cause, depth + 1);
    visit(wrapped.originalError, depth + 1);
    if (Array.isArray(wrapped.errors)) for (const inner of wrapped.errors) visit(inner, depth + 1);
  };
  visit(error, 0);
  return chain;
}
