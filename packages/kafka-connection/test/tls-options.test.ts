import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaSettingsError, describeKafkaConnection, loadKafkaConnection } from '../src/index.js';
import { makeTestCertificates, type TestCertificates } from './support/certificates.js';

let certs: TestCertificates;
beforeAll(() => {
  certs = makeTestCertificates();
});
afterAll(() => certs.remove());

const base = { KAFKA_BROKERS: 'kafka:9093', KAFKA_SECURITY_PROTOCOL: 'ssl' };

function settingsError(env: NodeJS.ProcessEnv): KafkaSettingsError {
  try {
    loadKafkaConnection(env);
  } catch (error) {
    if (error instanceof KafkaSettingsError) return error;
    throw error;
  }
  throw new Error('loadKafkaConnection accepted the settings');
}

describe('TLS settings', () => {
  it('trusts the CA file instead of the system CAs', () => {
    const connection = loadKafkaConnection({ ...base, KAFKA_SSL_CA_FILE: certs.caFile });
    expect(connection.ssl).toEqual({ ca: certs.read(certs.caFile) });
    expect(describeKafkaConnection(connection)).toBe(
      `kafka brokers=kafka:9093 security=ssl tls-ca=${certs.caFile}`,
    );
  });

  it('loads a client certificate with its encrypted key for mTLS, the password from a file or inline', () => {
    const env = {
      ...base,
      KAFKA_SSL_CA_FILE: certs.caFile,
      KAFKA_SSL_CERT_FILE: certs.clientCertFile,
      KAFKA_SSL_KEY_FILE: certs.clientKeyFile,
      KAFKA_SSL_KEY_PASSWORD: certs.clientKeyPassword,
    };
    const connection = loadKafkaConnection(env);
    expect(connection.ssl).toEqual({
      ca: certs.read(certs.caFile),
      cert: certs.read(certs.clientCertFile),
      key: certs.read(certs.clientKeyFile),
      passphrase: certs.clientKeyPassword,
    });
    const line = describeKafkaConnection(connection);
    expect(line).toContain(`client-cert=${certs.clientCertFile}`);
    expect(line).not.toContain(certs.clientKeyPassword);
  });

  it('refuses a wrong key password at load time, naming KAFKA_SSL_KEY_PASSWORD and not the password', () => {
    const error = settingsError({
      ...base,
      KAFKA_SSL_CERT_FILE: certs.clientCertFile,
      KAFKA_SSL_KEY_FILE: certs.clientKeyFile,
      KAFKA_SSL_KEY_PASSWORD: 'not-the-password',
    });
    expect(error.variable).toBe('KAFKA_SSL_KEY_PASSWORD');
    expect(error.message).toMatch(/cannot be decrypted: check KAFKA_SSL_KEY_PASSWORD/);
    expect(error.message).not.toContain('not-the-password');
  });

  it('refuses a key that is not the certificate’s', () => {
    const error = settingsError({
      ...base,
      KAFKA_SSL_CERT_FILE: certs.clientCertFile,
      KAFKA_SSL_KEY_FILE: certs.strayKeyFile,
    });
    expect(error.variable).toBe('KAFKA_SSL_KEY_FILE');
    expect(error.message).toMatch(/is not the key of the certificate in KAFKA_SSL_CERT_FILE/);
  });

  it.each([
    [
      { KAFKA_SSL_CERT_FILE: 'cert' },
      'KAFKA_SSL_KEY_FILE',
      /KAFKA_SSL_KEY_FILE is required when KAFKA_SSL_CERT_FILE is set/,
    ],
    [
      { KAFKA_SSL_KEY_FILE: 'key' },
      'KAFKA_SSL_CERT_FILE',
      /KAFKA_SSL_CERT_FILE is required when KAFKA_SSL_KEY_FILE is set/,
    ],
    [
      { KAFKA_SSL_KEY_PASSWORD: 'pw' },
      'KAFKA_SSL_KEY_PASSWORD',
      /KAFKA_SSL_KEY_PASSWORD is set but KAFKA_SSL_KEY_FILE is not/,
    ],
  ])('wants the certificate and key together (%o)', (extra, variable, message) => {
    const error = settingsError({ ...base, ...extra });
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(message);
  });

  it('names the certificate file that cannot be read', () => {
    const error = settingsError({
      ...base,
      KAFKA_SSL_CERT_FILE: '/nonexistent/client.pem',
      KAFKA_SSL_KEY_FILE: certs.clientKeyFile,
    });
    expect(error.variable).toBe('KAFKA_SSL_CERT_FILE');
    expect(error.message).toBe('KAFKA_SSL_CERT_FILE: cannot read /nonexistent/client.pem: ENOENT');
  });

  it('names a key file that holds a certificate instead of a key', () => {
    const error = settingsError({
      ...base,
      KAFKA_SSL_CERT_FILE: certs.clientCertFile,
      KAFKA_SSL_KEY_FILE: certs.clientCertFile,
    });
    expect(error.variable).toBe('KAFKA_SSL_KEY_FILE');
    expect(error.message).toMatch(/holds no PEM private key/);
  });
});
