import { createServer as createTcpServer, type AddressInfo, type Server } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import * as kafkajs from 'kafkajs';
import { Kafka, KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  KafkaSettingsError,
  explainKafkaConnectError,
  kafkaClientConfig,
  loadKafkaConnection,
  type KafkaConnection,
} from '../src/index.js';
import { makeTestCertificates, type TestCertificates } from './support/certificates.js';

// kafkajs' type declarations leave out these constructors' arguments; its JavaScript takes them as written here.
const KafkaJSSASLAuthenticationError = kafkajs.KafkaJSSASLAuthenticationError as unknown as new (
  message: string,
) => Error;
const KafkaJSNonRetriableError = kafkajs.KafkaJSNonRetriableError as unknown as new (
  error: Error,
  options: { cause: Error },
) => Error;
const KafkaJSProtocolError = kafkajs.KafkaJSProtocolError as unknown as new (error: {
  message: string;
  type: string;
  code: number;
  retriable: boolean;
}) => Error;

const scramConnection = (): KafkaConnection =>
  loadKafkaConnection({
    KAFKA_BROKERS: 'kafka-1:9096',
    KAFKA_SECURITY_PROTOCOL: 'sasl_ssl',
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: 'inlet-grades',
    KAFKA_SASL_PASSWORD: 'wrong-password-123',
  });

/** How kafkajs' retrier hands a failed connect to the caller: the last error wrapped, kept as `cause`. */
function afterRetries(error: Error): Error {
  return new KafkaJSNumberOfRetriesExceeded(error, { retryCount: 5, retryTime: 1000 });
}

/** Connects a kafkajs admin once, without retries, and returns what it rejected with. */
async function connectError(connection: KafkaConnection): Promise<unknown> {
  const admin = new Kafka({
    clientId: 'explain-test',
    ...kafkaClientConfig(connection),
    connectionTimeout: 3_000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
  } catch (error) {
    return error;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  throw new Error('kafkajs connected');
}

describe('explainKafkaConnectError, on errors shaped as kafkajs raises them', () => {
  it('names KAFKA_SASL_PASSWORD for a refused SCRAM login, bailed out of the retrier', () => {
    const refused = new KafkaJSSASLAuthenticationError(
      'SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid ' +
        'credentials with SASL mechanism SCRAM-SHA-512',
    );
    const error = new KafkaJSNonRetriableError(refused, { cause: refused });
    const explained = explainKafkaConnectError(error, scramConnection());
    expect(explained).toBeInstanceOf(KafkaSettingsError);
    expect(explained?.variable).toBe('KAFKA_SASL_PASSWORD');
    expect(explained?.message).toMatch(
      /^Kafka broker kafka-1:9096 refused the SASL scram-sha-512 login of user "inlet-grades" \(SASL SCRAM SHA512 authentication failed: .*\): check KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD/,
    );
    expect(explained?.message).not.toContain('wrong-password-123');
  });

  it('finds the SASL failure however deep a service wrapped it (cause, originalError)', () => {
    const refused = new KafkaJSSASLAuthenticationError('SASL PLAIN authentication failed: bad');
    const wrapped = Object.assign(new Error('the consumer could not start'), {
      originalError: new Error('Kafka is unreachable', { cause: refused }),
    });
    const explained = explainKafkaConnectError(wrapped, scramConnection());
    expect(explained?.variable).toBe('KAFKA_SASL_PASSWORD');
    // It quotes kafkajs' SASL error, not the wrappers around it.
    expect(explained?.message).toMatch(
      /login of user "inlet-grades" \(SASL PLAIN authentication failed: bad\)/,
    );
  });

  it('names the OAuth settings when the broker refuses an OAUTHBEARER token', () => {
    const connection = loadKafkaConnection({
      KAFKA_BROKERS: 'kafka-1:9096',
      KAFKA_SECURITY_PROTOCOL: 'sasl_ssl',
      KAFKA_SASL_MECHANISM: 'oauthbearer',
      KAFKA_OAUTH_TOKEN_URL: 'https://idp.example.com/token',
      KAFKA_OAUTH_CLIENT_ID: 'inlet-media',
      KAFKA_OAUTH_CLIENT_SECRET: 'x',
    });
    const refused = new KafkaJSSASLAuthenticationError(
      'SASL OAUTHBEARER authentication failed: invalid token',
    );
    const explained = explainKafkaConnectError(
      new KafkaJSNonRetriableError(refused, { cause: refused }),
      connection,
    );
    expect(explained?.variable).toBe('KAFKA_OAUTH_CLIENT_ID');
    expect(explained?.message).toMatch(
      /refused the OAuth token of client "inlet-media" .*check KAFKA_OAUTH_CLIENT_ID, KAFKA_OAUTH_CLIENT_SECRET, KAFKA_OAUTH_SCOPE and KAFKA_OAUTH_TOKEN_URL/,
    );
  });

  it('passes on the error the token provider raised (it already names its variable)', () => {
    const fromProvider = new KafkaSettingsError(
      'KAFKA_OAUTH_CLIENT_SECRET',
      'the endpoint refused the client',
    );
    expect(explainKafkaConnectError(afterRetries(fromProvider), scramConnection())).toBe(fromProvider);
  });

  it('names KAFKA_SASL_MECHANISM when the listener does not offer it', () => {
    const refused = new KafkaJSSASLAuthenticationError(
      'SASL SCRAM-SHA-512 mechanism is not supported by the server',
    );
    const explained = explainKafkaConnectError(refused, scramConnection());
    expect(explained?.variable).toBe('KAFKA_SASL_MECHANISM');
    expect(explained?.message).toMatch(/does not accept KAFKA_SASL_MECHANISM=scram-sha-512/);
  });

  it.each([
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  ])('names KAFKA_SSL_CA_FILE for %s after the retries', (code) => {
    const socketError = new KafkaJSConnectionError(`Connection error: ${code.toLowerCase()}`, {
      broker: 'kafka-1:9096',
      code,
    });
    const explained = explainKafkaConnectError(afterRetries(socketError), scramConnection());
    expect(explained?.variable).toBe('KAFKA_SSL_CA_FILE');
    expect(explained?.message).toBe(
      `the TLS certificate of Kafka broker kafka-1:9096 is not trusted (${code}): the system CAs do not trust ` +
        'it: set KAFKA_SSL_CA_FILE to the PEM of the CA that signed it',
    );
  });

  it('names KAFKA_BROKERS when the certificate does not name the host connected to', () => {
    const socketError = new KafkaJSConnectionError('Connection error: Hostname/IP does not match', {
      broker: '10.0.0.7:9096',
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
    const explained = explainKafkaConnectError(afterRetries(socketError), scramConnection());
    expect(explained?.variable).toBe('KAFKA_BROKERS');
    expect(explained?.message).toMatch(/does not name that host \(ERR_TLS_CERT_ALTNAME_INVALID\)/);
  });

  it('names KAFKA_SECURITY_PROTOCOL when a TLS client meets ILLEGAL_SASL_STATE (the listener wants SASL)', () => {
    const connection = loadKafkaConnection({ KAFKA_BROKERS: 'kafka-1:9096', KAFKA_SECURITY_PROTOCOL: 'ssl' });
    const protocolError = new KafkaJSProtocolError({
      message: 'illegal',
      type: 'ILLEGAL_SASL_STATE',
      code: 34,
      retriable: false,
    });
    expect(explainKafkaConnectError(protocolError, connection)?.variable).toBe('KAFKA_SECURITY_PROTOCOL');
  });

  it('says nothing about errors unrelated to the settings', () => {
    expect(
      explainKafkaConnectError(new Error('Kafka topics missing: inlet.grades.v1'), scramConnection()),
    ).toBe(undefined);
    expect(explainKafkaConnectError('a string', scramConnection())).toBe(undefined);
  });
});

describe('explainKafkaConnectError, on real connection failures', () => {
  let certs: TestCertificates;
  let tlsServer: Server;
  let tlsPort: number;

  beforeAll(async () => {
    certs = makeTestCertificates();
    // A TLS endpoint that is not Kafka: enough for the handshake, which is where these failures happen.
    tlsServer = createTlsServer(
      { cert: certs.read(certs.serverCertFile), key: certs.read(certs.serverKeyFile) },
      (socket) => socket.destroy(),
    );
    tlsServer.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
    tlsPort = (tlsServer.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => tlsServer.close(() => resolve()));
    certs.remove();
  });

  it('names KAFKA_SSL_CA_FILE when the CA file is not the one that signed the broker certificate', async () => {
    const connection = loadKafkaConnection({
      KAFKA_BROKERS: `localhost:${tlsPort}`,
      KAFKA_SECURITY_PROTOCOL: 'ssl',
      KAFKA_SSL_CA_FILE: certs.otherCaFile,
    });
    const explained = explainKafkaConnectError(await connectError(connection), connection);
    expect(explained?.variable).toBe('KAFKA_SSL_CA_FILE');
    expect(explained?.message).toMatch(
      new RegExp(
        `is not trusted \\([A-Z_]+\\): KAFKA_SSL_CA_FILE=${certs.otherCaFile} does not hold the CA that signed it`,
      ),
    );
  });

  it('names KAFKA_SSL_CA_FILE when the system CAs do not trust the broker', async () => {
    const connection = loadKafkaConnection({
      KAFKA_BROKERS: `localhost:${tlsPort}`,
      KAFKA_SECURITY_PROTOCOL: 'ssl',
    });
    const explained = explainKafkaConnectError(await connectError(connection), connection);
    expect(explained?.variable).toBe('KAFKA_SSL_CA_FILE');
    expect(explained?.message).toMatch(/set KAFKA_SSL_CA_FILE to the PEM of the CA that signed it/);
  });

  it('names KAFKA_SECURITY_PROTOCOL when a TLS client reaches the plaintext test broker', async () => {
    const connection = loadKafkaConnection({
      KAFKA_BROKERS: inject('kafkaBrokers').join(','),
      KAFKA_SECURITY_PROTOCOL: 'ssl',
    });
    const explained = explainKafkaConnectError(await connectError(connection), connection);
    expect(explained?.variable).toBe('KAFKA_SECURITY_PROTOCOL');
    expect(explained?.message).toMatch(/dropped the TLS handshake: it looks like a plaintext listener/);
  });

  it('names KAFKA_SECURITY_PROTOCOL when a plaintext client reaches a TLS listener', async () => {
    const connection = loadKafkaConnection({ KAFKA_BROKERS: `127.0.0.1:${tlsPort}` });
    const error = await connectError(connection);
    const explained = explainKafkaConnectError(error, connection);
    expect(explained?.variable, String(error)).toBe('KAFKA_SECURITY_PROTOCOL');
    expect(explained?.message).toMatch(/closed the connection as soon as it was opened/);
  });

  it('says nothing when no broker listens: that is not a setting to fix but a broker to start', async () => {
    const closed: Server = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const connection = loadKafkaConnection({
      KAFKA_BROKERS: `127.0.0.1:${port}`,
      KAFKA_SECURITY_PROTOCOL: 'ssl',
    });
    const error = await connectError(connection);
    expect(String(error)).toMatch(/ECONNREFUSED/);
    expect(explainKafkaConnectError(error, connection)).toBe(undefined);
  });
});

// The run's broker opens a SASL_SSL listener with a SCRAM user when the jar launcher started it (null otherwise:
// a cluster named by KAFKA_BROKERS, or a container, has none to test against).
const secureEnv = inject('kafkaSecureEnv');

describe.runIf(secureEnv)('explainKafkaConnectError, on the real SASL_SSL listener', () => {
  it('connects with the right settings (the failures below are the settings, not the listener)', async () => {
    const admin = new Kafka({
      clientId: 'explain-secure-test',
      ...kafkaClientConfig(loadKafkaConnection(secureEnv!)),
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    expect(await admin.listTopics()).toContain('inlet.grades.v1');
    await admin.disconnect();
  });

  it('names KAFKA_SASL_PASSWORD, and not the password, when the broker refuses it', async () => {
    const connection = loadKafkaConnection({ ...secureEnv, KAFKA_SASL_PASSWORD: 'not-the-password-42' });
    const explained = explainKafkaConnectError(await connectError(connection), connection);
    expect(explained?.variable).toBe('KAFKA_SASL_PASSWORD');
    expect(explained?.message).toMatch(
      new RegExp(`refused the SASL scram-sha-512 login of user "${secureEnv!.KAFKA_SASL_USERNAME}"`),
    );
    expect(explained?.message).not.toContain('not-the-password-42');
  });

  it('names KAFKA_SSL_CA_FILE when the listener is verified against the system CAs', async () => {
    const { KAFKA_SSL_CA_FILE: _ca, ...withoutCa } = secureEnv!;
    const connection = loadKafkaConnection(withoutCa);
    const explained = explainKafkaConnectError(await connectError(connection), connection);
    expect(explained?.variable).toBe('KAFKA_SSL_CA_FILE');
  });

  it('names KAFKA_SECURITY_PROTOCOL when a plaintext client reaches the SASL_SSL listener', async () => {
    const connection = loadKafkaConnection({ KAFKA_BROKERS: secureEnv!.KAFKA_BROKERS });
    const explained = explainKafkaConnectError(await connectError(connection), connection);
    expect(explained?.variable).toBe('KAFKA_SECURITY_PROTOCOL');
  });
});
