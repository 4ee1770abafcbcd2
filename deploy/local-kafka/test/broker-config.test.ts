import { describe, expect, it } from 'vitest';
import { log4jProperties, randomClusterId, serverProperties } from '../src/broker-config.js';
import { externalClientEnv, plaintextClientEnv, saslSslClientEnv } from '../src/client-env.js';
import { LocalKafkaError } from '../src/errors.js';
import { securityFromEnv } from '../src/options.js';
import { parseJavaMajor } from '../src/tools.js';

describe('the local broker configuration', () => {
  const properties = serverProperties({ port: 39092, controllerPort: 39093, dataDir: '/d', logDir: '/l' });

  it('runs one combined broker+controller on loopback with replication factor 1 for internal topics', () => {
    expect(properties).toContain('process.roles=broker,controller\n');
    expect(properties).toContain('controller.quorum.voters=1@127.0.0.1:39093\n');
    expect(properties).toContain('advertised.listeners=PLAINTEXT://127.0.0.1:39092\n');
    expect(properties).toContain('offsets.topic.replication.factor=1\n');
    expect(properties).toContain('transaction.state.log.min.isr=1\n');
  });

  it('does not create topics that nobody declared', () => {
    expect(properties).toContain('auto.create.topics.enable=false\n');
  });

  it('logs to a file in the log folder', () => {
    expect(log4jProperties('/l')).toContain('appender.file.fileName = /l/server.log');
  });

  it('makes KRaft cluster ids of 16 bytes in base64url', () => {
    const id = randomClusterId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(id, 'base64url')).toHaveLength(16);
    expect(randomClusterId()).not.toBe(id);
  });

  it('reads the Java major version from both version formats', () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajor('java version "1.8.0_392"')).toBe(8);
    expect(parseJavaMajor('nonsense')).toBeUndefined();
  });

  it("adds a SASL_SSL listener with SCRAM over TLS, keeping the broker's own traffic on loopback PLAINTEXT", () => {
    const secured = serverProperties({
      port: 39092,
      controllerPort: 39093,
      dataDir: '/d',
      logDir: '/l',
      secured: { port: 39094, keystoreFile: '/t/k.p12', truststoreFile: '/t/t.p12', storePassword: 'pw' },
    });
    expect(secured).toContain(
      'listeners=PLAINTEXT://127.0.0.1:39092,SASL_SSL://127.0.0.1:39094,CONTROLLER://127.0.0.1:39093\n',
    );
    expect(secured).toContain(
      'advertised.listeners=PLAINTEXT://127.0.0.1:39092,SASL_SSL://127.0.0.1:39094\n',
    );
    expect(secured).toContain('inter.broker.listener.name=PLAINTEXT\n');
    expect(secured).toContain(
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL\n',
    );
    expect(secured).toContain('sasl.enabled.mechanisms=SCRAM-SHA-512,SCRAM-SHA-256\n');
    expect(secured).toContain(
      'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;\n',
    );
    expect(secured).toContain('listener.name.sasl_ssl.ssl.keystore.location=/t/k.p12\n');
    expect(secured).toContain('listener.name.sasl_ssl.ssl.keystore.type=PKCS12\n');
    // Each key once: a repeated key would silently override the first.
    const keys = secured
      .trim()
      .split('\n')
      .map((line) => line.split('=')[0]);
    expect(new Set(keys).size).toBe(keys.length);
    expect(properties).not.toContain('SASL_SSL');
  });
});

describe('the local broker security mode', () => {
  it('is sasl_ssl only when asked for and no external cluster is named', () => {
    expect(securityFromEnv({})).toBe('plaintext');
    expect(securityFromEnv({ KAFKA_SECURITY_PROTOCOL: 'plaintext' })).toBe('plaintext');
    expect(securityFromEnv({ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' })).toBe('sasl_ssl');
    expect(securityFromEnv({ KAFKA_SECURITY_PROTOCOL: 'sasl_ssl', KAFKA_BROKERS: 'kafka:9093' })).toBe(
      'plaintext',
    );
  });

  it('refuses a protocol the local broker does not offer, naming the variable', () => {
    let error: unknown;
    try {
      securityFromEnv({ KAFKA_SECURITY_PROTOCOL: 'ssl' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LocalKafkaError);
    expect((error as Error).message).toMatch(/KAFKA_SECURITY_PROTOCOL=ssl.*plaintext or sasl_ssl/);
  });

  it('hands clients exactly the variables that reach the broker', () => {
    expect(plaintextClientEnv(['127.0.0.1:1', '127.0.0.1:2'])).toEqual({
      KAFKA_BROKERS: '127.0.0.1:1,127.0.0.1:2',
    });
    expect(saslSslClientEnv(['127.0.0.1:3'], '/tls/ca.pem', { username: 'inlet', password: 'pw' })).toEqual({
      KAFKA_BROKERS: '127.0.0.1:3',
      KAFKA_SECURITY_PROTOCOL: 'sasl_ssl',
      KAFKA_SSL_CA_FILE: '/tls/ca.pem',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'inlet',
      KAFKA_SASL_PASSWORD: 'pw',
    });
  });

  it("passes an external cluster's connection variables on, and nothing else", () => {
    expect(
      externalClientEnv({
        KAFKA_BROKERS: 'b-1.msk:9096',
        KAFKA_SECURITY_PROTOCOL: 'sasl_ssl',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'svc',
        KAFKA_SASL_PASSWORD_FILE: '/run/secrets/kafka',
        KAFKA_SSL_CA_FILE: ' ',
        KAFKA_VERSION: '4.4.0',
        PATH: '/bin',
      }),
    ).toEqual({
      KAFKA_BROKERS: 'b-1.msk:9096',
      KAFKA_SECURITY_PROTOCOL: 'sasl_ssl',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'svc',
      KAFKA_SASL_PASSWORD_FILE: '/run/secrets/kafka',
    });
  });
});
