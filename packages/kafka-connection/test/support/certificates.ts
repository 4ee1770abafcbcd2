import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** PEM files made for one test run: two unrelated CAs, a broker certificate and a client certificate. */
export interface TestCertificates {
  dir: string;
  /** The CA that signed the server and client certificates. */
  caFile: string;
  /** A CA that signed nothing here: trusting it alone must fail verification. */
  otherCaFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  clientCertFile: string;
  /** The client key, encrypted with `clientKeyPassword`. */
  clientKeyFile: string;
  clientKeyPassword: string;
  /** A key that belongs to no certificate here. */
  strayKeyFile: string;
  read(file: string): string;
  remove(): void;
}

function openssl(dir: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** Made with the openssl CLI at test time, so no private key lives in the repository. */
export function makeTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'kafka-connection-certs-'));
  const ca = (name: string) =>
    openssl(
      dir,
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.pem`,
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
    );
  ca('ca');
  ca('other-ca');
  const signed = (name: string, extensions: string) => {
    openssl(
      dir,
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      `/CN=${name}`,
    );
    writeFileSync(join(dir, `${name}.ext`), extensions);
    openssl(
      dir,
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
    );
  };
  signed('server', 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  signed('client', 'extendedKeyUsage=clientAuth\n');
  const clientKeyPassword = 'client-key-secret-7Qz';
  openssl(
    dir,
    'pkcs8',
    '-topk8',
    '-in',
    'client.key',
    '-out',
    'client-encrypted.key',
    '-passout',
    `pass:${clientKeyPassword}`,
  );
  openssl(dir, 'genpkey', '-algorithm', 'RSA', '-out', 'stray.key');
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    otherCaFile: join(dir, 'other-ca.pem'),
    serverCertFile: join(dir, 'server.pem'),
    serverKeyFile: join(dir, 'server.key'),
    clientCertFile: join(dir, 'client.pem'),
    clientKeyFile: join(dir, 'client-encrypted.key'),
    clientKeyPassword,
    strayKeyFile: join(dir, 'stray.key'),
    read: (file) => readFileSync(file, 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
