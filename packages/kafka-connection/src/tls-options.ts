import { createSecureContext, type ConnectionOptions } from 'node:tls';
import { readFileText, readSecret, readSetting } from './env.js';
import { KafkaSettingsError } from './settings-error.js';

/** The TLS variables; any of them set while the protocol does not use TLS is a mistake worth stopping for. */
export const tlsVariables = [
  'KAFKA_SSL_CA_FILE',
  'KAFKA_SSL_CERT_FILE',
  'KAFKA_SSL_KEY_FILE',
  'KAFKA_SSL_KEY_PASSWORD',
  'KAFKA_SSL_KEY_PASSWORD_FILE',
] as const;

export interface TlsSettings {
  options: ConnectionOptions;
  /** Paths the options were read from, for the start-up description. */
  caFile?: string;
  certFile?: string;
}

/**
 * TLS options for kafkajs (passed to `tls.connect`). With no CA file, Node's system CAs verify the broker, which
 * is right for MSK, Confluent Cloud and Aiven; a CA file replaces them (a Strimzi cluster CA, a private CA).
 * Certificate verification is never switched off.
 */
export function readTlsSettings(env: NodeJS.ProcessEnv): TlsSettings {
  const caFile = readSetting(env, 'KAFKA_SSL_CA_FILE');
  const certFile = readSetting(env, 'KAFKA_SSL_CERT_FILE');
  const keyFile = readSetting(env, 'KAFKA_SSL_KEY_FILE');
  const keyPassword = readSecret(env, 'KAFKA_SSL_KEY_PASSWORD');

  const options: ConnectionOptions = {};
  if (caFile) {
    options.ca = readPem('KAFKA_SSL_CA_FILE', caFile, 'CERTIFICATE');
    checkSecureContext('KAFKA_SSL_CA_FILE', `${caFile} is not a usable PEM CA bundle`, {
      ca: options.ca,
    });
  }
  if (certFile && !keyFile)
    throw new KafkaSettingsError(
      'KAFKA_SSL_KEY_FILE',
      'KAFKA_SSL_KEY_FILE is required when KAFKA_SSL_CERT_FILE is set (the client certificate needs its key)',
    );
  if (keyFile && !certFile)
    throw new KafkaSettingsError(
      'KAFKA_SSL_CERT_FILE',
      'KAFKA_SSL_CERT_FILE is required when KAFKA_SSL_KEY_FILE is set (the key needs its client certificate)',
    );
  if (keyPassword !== undefined && !keyFile)
    throw new KafkaSettingsError(
      'KAFKA_SSL_KEY_PASSWORD',
      'KAFKA_SSL_KEY_PASSWORD is set but KAFKA_SSL_KEY_FILE is not: the password decrypts that key',
    );
  if (certFile && keyFile) {
    options.cert = readPem('KAFKA_SSL_CERT_FILE', certFile, 'CERTIFICATE');
    options.key = readPem('KAFKA_SSL_KEY_FILE', keyFile, 'PRIVATE KEY');
    if (keyPassword !== undefined) options.passphrase = keyPassword;
    checkClientCertificate(options, certFile, keyFile);
  }
  return {
    options,
    ...(caFile ? { caFile } : {}),
    ...(certFile ? { certFile } : {}),
  };
}

/** Reads a PEM file and checks it holds at least one block of the expected kind (e.g. `-----BEGIN CERTIFICATE`). */
function readPem(variable: string, path: string, kind: string): string {
  const text = readFileText(variable, path);
  // `PRIVATE KEY` also matches `RSA PRIVATE KEY`, `EC PRIVATE KEY` and `ENCRYPTED PRIVATE KEY`.
  if (!new RegExp(`-----BEGIN [A-Z ]*${kind}-----`).test(text))
    throw new KafkaSettingsError(variable, `${variable}: ${path} holds no PEM ${kind.toLowerCase()}`);
  return text;
}

/** Loading the certificate and key now turns a wrong key password into a start-up error, not a retry loop. */
function checkClientCertificate(options: ConnectionOptions, certFile: string, keyFile: string): void {
  try {
    createSecureContext({ cert: options.cert, key: options.key, passphrase: options.passphrase });
  } catch (error) {
    const reason = (error as Error).message;
    if (/bad decrypt|bad password|passphrase|unable to load|DECODER routines/i.test(reason))
      throw new KafkaSettingsError(
        'KAFKA_SSL_KEY_PASSWORD',
        `KAFKA_SSL_KEY_FILE: ${keyFile} cannot be decrypted: check KAFKA_SSL_KEY_PASSWORD (${reason})`,
        { cause: error },
      );
    if (/key values mismatch/i.test(reason))
      throw new KafkaSettingsError(
        'KAFKA_SSL_KEY_FILE',
        `KAFKA_SSL_KEY_FILE: ${keyFile} is not the key of the certificate in KAFKA_SSL_CERT_FILE (${certFile})`,
        { cause: error },
      );
    throw new KafkaSettingsError(
      'KAFKA_SSL_CERT_FILE',
      `KAFKA_SSL_CERT_FILE/KAFKA_SSL_KEY_FILE: ${certFile} and ${keyFile} cannot be loaded: ${reason}`,
      { cause: error },
    );
  }
}

function checkSecureContext(variable: string, problem: string, options: ConnectionOptions): void {
  try {
    createSecureContext(options);
  } catch (error) {
    throw new KafkaSettingsError(variable, `${variable}: ${problem}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
