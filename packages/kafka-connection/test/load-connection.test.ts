import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  KafkaSettingsError,
  describeKafkaConnection,
  kafkaClientConfig,
  loadKafkaConnection,
} from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'kafka-connection-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a mounted-secret style file and returns its path. */
function secretFile(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The KafkaSettingsError a load throws (fails the test when it does not throw one). */
function settingsError(env: NodeJS.ProcessEnv): KafkaSettingsError {
  try {
    loadKafkaConnection(env);
  } catch (error) {
    if (error instanceof KafkaSettingsError) return error;
    throw error;
  }
  throw new Error('loadKafkaConnection accepted the settings');
}

const scram = {
  KAFKA_BROKERS: 'b-1.example.com:9096',
  KAFKA_SECURITY_PROTOCOL: 'sasl_ssl',
  KAFKA_SASL_MECHANISM: 'scram-sha-512',
  KAFKA_SASL_USERNAME: 'inlet-grades',
  KAFKA_SASL_PASSWORD: 'pa55-w0rd-never-printed',
};

describe('loadKafkaConnection', () => {
  it('needs only KAFKA_BROKERS for a plaintext cluster, and kafkaClientConfig adds no ssl or sasl', () => {
    const connection = loadKafkaConnection({ KAFKA_BROKERS: ' 127.0.0.1:9092 , kafka-2:9092,' });
    expect(connection).toEqual({
      brokers: ['127.0.0.1:9092', 'kafka-2:9092'],
      securityProtocol: 'plaintext',
    });
    expect(kafkaClientConfig(connection)).toEqual({ brokers: ['127.0.0.1:9092', 'kafka-2:9092'] });
    expect(describeKafkaConnection(connection)).toBe(
      'kafka brokers=127.0.0.1:9092,kafka-2:9092 security=plaintext',
    );
  });

  it('uses the system CAs for ssl when no CA file is given', () => {
    const connection = loadKafkaConnection({ KAFKA_BROKERS: 'kafka:9093', KAFKA_SECURITY_PROTOCOL: 'ssl' });
    expect(connection.securityProtocol).toBe('ssl');
    expect(connection.ssl).toEqual({});
    expect(kafkaClientConfig(connection)).toEqual({ brokers: ['kafka:9093'], ssl: {} });
    expect(describeKafkaConnection(connection)).toBe('kafka brokers=kafka:9093 security=ssl tls-ca=system');
  });

  it("accepts Kafka's own capitalised spellings of the protocol and the mechanism", () => {
    const connection = loadKafkaConnection({
      ...scram,
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
    });
    expect(connection.securityProtocol).toBe('sasl_ssl');
    expect(connection.sasl?.mechanism).toBe('scram-sha-512');
  });

  it.each(['plain', 'scram-sha-256', 'scram-sha-512'] as const)(
    'reads the username and password for %s',
    (mechanism) => {
      const connection = loadKafkaConnection({ ...scram, KAFKA_SASL_MECHANISM: mechanism });
      expect(connection.sasl).toEqual({
        mechanism,
        username: 'inlet-grades',
        password: 'pa55-w0rd-never-printed',
      });
      expect(kafkaClientConfig(connection).sasl).toBe(connection.sasl);
    },
  );

  it('describes a SASL connection by user and mechanism, never by password', () => {
    const line = describeKafkaConnection(loadKafkaConnection(scram));
    expect(line).toBe(
      'kafka brokers=b-1.example.com:9096 security=sasl_ssl tls-ca=system sasl=scram-sha-512 user=inlet-grades',
    );
    expect(line).not.toContain(scram.KAFKA_SASL_PASSWORD);
  });

  it('reads secrets from the files the _FILE variables name, without their trailing newline', () => {
    const connection = loadKafkaConnection({
      KAFKA_BROKERS: 'kafka:9094',
      KAFKA_SECURITY_PROTOCOL: 'sasl_plaintext',
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME_FILE: secretFile('username', 'svc-user\n'),
      KAFKA_SASL_PASSWORD_FILE: secretFile('password', 'from file\twith spaces \n'),
    });
    expect(connection.sasl).toEqual({
      mechanism: 'plain',
      username: 'svc-user',
      password: 'from file\twith spaces ',
    });
  });

  it('reads the OAuth client secret from a file, and builds a token provider for kafkajs', () => {
    const connection = loadKafkaConnection({
      KAFKA_BROKERS: 'pkc-1.confluent.cloud:9092',
      KAFKA_SECURITY_PROTOCOL: 'sasl_ssl',
      KAFKA_SASL_MECHANISM: 'oauthbearer',
      KAFKA_OAUTH_TOKEN_URL: 'https://idp.example.com/oauth2/token',
      KAFKA_OAUTH_CLIENT_ID: 'inlet-ingress',
      KAFKA_OAUTH_CLIENT_SECRET_FILE: secretFile('oauth-secret', 'oauth-secret-value\n'),
    });
    expect(connection.sasl?.mechanism).toBe('oauthbearer');
    expect(connection.sasl).toHaveProperty('oauthBearerProvider', expect.any(Function));
    const line = describeKafkaConnection(connection);
    expect(line).toBe(
      'kafka brokers=pkc-1.confluent.cloud:9092 security=sasl_ssl tls-ca=system sasl=oauthbearer ' +
        'oauth-client=inlet-ingress token-url=https://idp.example.com/oauth2/token',
    );
    expect(line).not.toContain('oauth-secret-value');
  });

  describe('refuses, naming the variable', () => {
    const cases: [string, NodeJS.ProcessEnv, string, RegExp][] = [
      ['no brokers', {}, 'KAFKA_BROKERS', /^KAFKA_BROKERS is not set/],
      [
        'a broker without a port',
        { KAFKA_BROKERS: 'kafka:9092,kafka-2' },
        'KAFKA_BROKERS',
        /"kafka-2" is not host:port/,
      ],
      [
        'an unknown protocol',
        { KAFKA_BROKERS: 'k:1', KAFKA_SECURITY_PROTOCOL: 'tls' },
        'KAFKA_SECURITY_PROTOCOL',
        /^KAFKA_SECURITY_PROTOCOL must be one of plaintext, ssl, sasl_plaintext, sasl_ssl \(got "tls"\)$/,
      ],
      [
        'an unknown mechanism',
        { ...scram, KAFKA_SASL_MECHANISM: 'gssapi' },
        'KAFKA_SASL_MECHANISM',
        /^KAFKA_SASL_MECHANISM must be one of plain, scram-sha-256, scram-sha-512, oauthbearer \(got "gssapi"\)$/,
      ],
      [
        'a SASL protocol without a mechanism',
        { KAFKA_BROKERS: 'k:1', KAFKA_SECURITY_PROTOCOL: 'sasl_ssl' },
        'KAFKA_SASL_MECHANISM',
        /^KAFKA_SASL_MECHANISM is required when KAFKA_SECURITY_PROTOCOL=sasl_ssl/,
      ],
      [
        'a mechanism with the default plaintext protocol',
        { ...scram, KAFKA_SECURITY_PROTOCOL: undefined },
        'KAFKA_SECURITY_PROTOCOL',
        /KAFKA_SASL_MECHANISM=scram-sha-512 is set but KAFKA_SECURITY_PROTOCOL=plaintext \(the default\) does not use SASL/,
      ],
      [
        'a mechanism with the ssl protocol',
        { ...scram, KAFKA_SECURITY_PROTOCOL: 'ssl' },
        'KAFKA_SECURITY_PROTOCOL',
        /KAFKA_SECURITY_PROTOCOL=ssl does not use SASL: set KAFKA_SECURITY_PROTOCOL to sasl_ssl/,
      ],
      [
        'credentials without a mechanism',
        { KAFKA_BROKERS: 'k:1', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' },
        'KAFKA_SASL_MECHANISM',
        /^KAFKA_SASL_USERNAME is set but KAFKA_SASL_MECHANISM is not/,
      ],
      [
        'a CA file with a protocol that does not use TLS',
        { KAFKA_BROKERS: 'k:1', KAFKA_SSL_CA_FILE: '/etc/ca.pem' },
        'KAFKA_SECURITY_PROTOCOL',
        /^KAFKA_SSL_CA_FILE is set but KAFKA_SECURITY_PROTOCOL=plaintext \(the default\) does not use TLS/,
      ],
      [
        'a missing password',
        { ...scram, KAFKA_SASL_PASSWORD: undefined },
        'KAFKA_SASL_PASSWORD',
        /^KAFKA_SASL_PASSWORD is required when KAFKA_SASL_MECHANISM=scram-sha-512 \(set it or KAFKA_SASL_PASSWORD_FILE\)$/,
      ],
      [
        'a missing username',
        { ...scram, KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: '' },
        'KAFKA_SASL_USERNAME',
        /^KAFKA_SASL_USERNAME is required when KAFKA_SASL_MECHANISM=plain/,
      ],
      [
        'a password both inline and as a file',
        { ...scram, KAFKA_SASL_PASSWORD_FILE: '/run/secrets/password' },
        'KAFKA_SASL_PASSWORD',
        /^KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE are both set: set only one of them$/,
      ],
      [
        'a password file that is not there',
        { ...scram, KAFKA_SASL_PASSWORD: undefined, KAFKA_SASL_PASSWORD_FILE: '/nonexistent/password' },
        'KAFKA_SASL_PASSWORD_FILE',
        /^KAFKA_SASL_PASSWORD_FILE: cannot read \/nonexistent\/password: ENOENT$/,
      ],
      [
        'an empty password file',
        { ...scram, KAFKA_SASL_PASSWORD: undefined, KAFKA_SASL_PASSWORD_FILE: secretFile('empty', '\n') },
        'KAFKA_SASL_PASSWORD_FILE',
        /^KAFKA_SASL_PASSWORD_FILE: .*empty is empty$/,
      ],
      [
        'a CA file that is not there',
        { KAFKA_BROKERS: 'k:1', KAFKA_SECURITY_PROTOCOL: 'ssl', KAFKA_SSL_CA_FILE: '/x' },
        'KAFKA_SSL_CA_FILE',
        /^KAFKA_SSL_CA_FILE: cannot read \/x: ENOENT$/,
      ],
      [
        'a CA file that holds no certificate',
        {
          KAFKA_BROKERS: 'k:1',
          KAFKA_SECURITY_PROTOCOL: 'ssl',
          KAFKA_SSL_CA_FILE: secretFile('ca.txt', 'hello'),
        },
        'KAFKA_SSL_CA_FILE',
        /^KAFKA_SSL_CA_FILE: .*ca\.txt holds no PEM certificate$/,
      ],
      [
        'an OAuth mechanism without a token URL',
        {
          ...scram,
          KAFKA_SASL_MECHANISM: 'oauthbearer',
          KAFKA_OAUTH_CLIENT_ID: 'c',
          KAFKA_OAUTH_CLIENT_SECRET: 's',
        },
        'KAFKA_OAUTH_TOKEN_URL',
        /^KAFKA_OAUTH_TOKEN_URL is required when KAFKA_SASL_MECHANISM=oauthbearer$/,
      ],
      [
        'a token URL that is not a URL',
        { ...scram, KAFKA_SASL_MECHANISM: 'oauthbearer', KAFKA_OAUTH_TOKEN_URL: 'idp/token' },
        'KAFKA_OAUTH_TOKEN_URL',
        /^KAFKA_OAUTH_TOKEN_URL is not a URL: "idp\/token"$/,
      ],
      [
        'a token URL over plain http to another machine',
        {
          ...scram,
          KAFKA_SASL_MECHANISM: 'oauthbearer',
          KAFKA_OAUTH_TOKEN_URL: 'http://idp.example.com/token',
        },
        'KAFKA_OAUTH_TOKEN_URL',
        /must be an https URL \(http is accepted only for localhost\)/,
      ],
      [
        'an OAuth mechanism without a client id',
        { ...scram, KAFKA_SASL_MECHANISM: 'oauthbearer', KAFKA_OAUTH_TOKEN_URL: 'https://idp/token' },
        'KAFKA_OAUTH_CLIENT_ID',
        /^KAFKA_OAUTH_CLIENT_ID is required when KAFKA_SASL_MECHANISM=oauthbearer$/,
      ],
      [
        'an OAuth mechanism without a client secret',
        {
          ...scram,
          KAFKA_SASL_MECHANISM: 'oauthbearer',
          KAFKA_OAUTH_TOKEN_URL: 'https://idp/token',
          KAFKA_OAUTH_CLIENT_ID: 'c',
        },
        'KAFKA_OAUTH_CLIENT_SECRET',
        /^KAFKA_OAUTH_CLIENT_SECRET is required when KAFKA_SASL_MECHANISM=oauthbearer \(set it or KAFKA_OAUTH_CLIENT_SECRET_FILE\)$/,
      ],
    ];

    it.each(cases)('%s', (_what, env, variable, message) => {
      const error = settingsError(env);
      expect(error.variable).toBe(variable);
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain(scram.KAFKA_SASL_PASSWORD);
    });
  });
});
