import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalKafkaError } from './errors.js';

/**
 * The TLS material of the local broker's SASL_SSL listener, made fresh for every start with the JDK's keytool:
 * a private CA, and a broker key pair that CA signs for 127.0.0.1 and localhost (subject alternative names, so
 * clients verify the host name as they would against a real cluster).
 */
export interface BrokerCertificates {
  /** PKCS12: the broker's private key and its chain (broker certificate, then the CA). */
  keystoreFile: string;
  /** PKCS12: the CA alone. Unused while clients authenticate with SASL, but ready for mTLS listeners. */
  truststoreFile: string;
  /** PEM: the CA, for clients (KAFKA_SSL_CA_FILE). */
  caFile: string;
  /** Protects both stores; random per start, written only to the broker's own work folder. */
  storePassword: string;
}

export interface CertificateAuthority {
  /** PKCS12 holding the CA's key pair under the alias `ca`. */
  keystoreFile: string;
  /** PEM: the CA certificate. */
  caFile: string;
  storePassword: string;
}

// Certificates outlive any broker run; a year keeps a long-running `npm start` far from expiry.
const validityDays = '365';
// EC keys are generated in milliseconds, where a 2048-bit RSA key costs the JVM noticeably more.
const keyAlgorithm = ['-keyalg', 'EC', '-groupname', 'secp256r1'];
// keytool is a short-lived JVM: the client compiler and the serial collector start it faster.
const jvmFlags = ['-J-XX:TieredStopAtLevel=1', '-J-XX:+UseSerialGC'];
// Passwords reach keytool through its environment, never its command line (which `ps` shows).
const passwordVariable = 'INLET_KEYTOOL_STOREPASS';

/** Where the broker's certificates will be in `dir`, before they exist (the broker's config names them). */
export function planBrokerCertificates(dir: string): BrokerCertificates {
  return {
    keystoreFile: join(dir, 'broker.keystore.p12'),
    truststoreFile: join(dir, 'broker.truststore.p12'),
    // Where makeCertificateAuthority(dir) exports the CA.
    caFile: join(dir, 'ca.pem'),
    storePassword: randomBytes(18).toString('hex'),
  };
}

/**
 * Makes the CA and the broker's stores planned by `planBrokerCertificates`. Independent keytool runs go side by
 * side: each is a JVM start, and the start of a secured broker waits for the slowest chain of them.
 */
export async function makeBrokerCertificates(dir: string, plan: BrokerCertificates): Promise<void> {
  await mkdir(dir, { recursive: true });
  const storePass = plan.storePassword;
  const brokerKey = { keystoreFile: plan.keystoreFile, storePassword: storePass };
  const [ca] = await Promise.all([
    makeCertificateAuthority(dir, 'Inlet local Kafka CA', storePass),
    keytool(storePass, [
      '-genkeypair',
      '-alias',
      'broker',
      ...keyAlgorithm,
      '-validity',
      validityDays,
      '-dname',
      'CN=localhost',
      ...store(brokerKey),
    ]),
  ]);
  // The signed reply carries the whole chain, so the broker presents the CA too and needs no CA entry itself.
  const signed = await signServerCertificate(ca, brokerKey);
  const reply = join(dir, 'broker-chain.pem');
  await writeFile(reply, `${signed}${await readFile(ca.caFile, 'utf8')}`);
  await Promise.all([
    keytool(storePass, ['-importcert', '-alias', 'broker', '-file', reply, '-noprompt', ...store(brokerKey)]),
    keytool(storePass, [
      '-importcert',
      '-alias',
      'ca',
      '-file',
      ca.caFile,
      '-noprompt',
      ...store({ keystoreFile: plan.truststoreFile }),
    ]),
  ]);
}

/** A self-signed CA in `dir` (ca.p12, ca.pem). Also what a test uses to stand for a CA the broker is not from. */
export async function makeCertificateAuthority(
  dir: string,
  name: string,
  storePassword = randomBytes(18).toString('hex'),
): Promise<CertificateAuthority> {
  await mkdir(dir, { recursive: true });
  const ca: CertificateAuthority = {
    keystoreFile: join(dir, 'ca.p12'),
    caFile: join(dir, 'ca.pem'),
    storePassword,
  };
  await keytool(storePassword, [
    '-genkeypair',
    '-alias',
    'ca',
    ...keyAlgorithm,
    '-validity',
    validityDays,
    '-dname',
    `CN=${name}`,
    '-ext',
    'bc:c=ca:true,pathlen:0',
    '-ext',
    'ku:c=keyCertSign,cRLSign',
    ...store(ca),
  ]);
  await keytool(storePassword, ['-exportcert', '-alias', 'ca', '-rfc', '-file', ca.caFile, ...store(ca)]);
  return ca;
}

/** `keytool -certreq | keytool -gencert`: the CA signs the broker's key for the loopback names; PEM out. */
async function signServerCertificate(
  ca: CertificateAuthority,
  server: { keystoreFile: string; storePassword: string },
): Promise<string> {
  const request = runKeytool(server.storePassword, ['-certreq', '-alias', 'broker', ...store(server)]);
  const signing = runKeytool(ca.storePassword, [
    '-gencert',
    '-alias',
    'ca',
    '-validity',
    validityDays,
    '-ext',
    'SAN=ip:127.0.0.1,dns:localhost',
    '-ext',
    'eku=serverAuth',
    '-ext',
    'ku:c=digitalSignature',
    '-rfc',
    ...store(ca),
  ]);
  request.child.stdout!.pipe(signing.child.stdin!);
  const [, certificate] = await Promise.all([request.done, signing.done]);
  return certificate;
}

function store({ keystoreFile }: { keystoreFile: string }): string[] {
  return ['-keystore', keystoreFile, '-storetype', 'PKCS12', '-storepass:env', passwordVariable];
}

function keytool(storePassword: string, args: string[]): Promise<string> {
  return runKeytool(storePassword, args).done;
}

/** Runs keytool; `done` resolves with its standard output (unless piped on) or rejects naming the step. */
function runKeytool(storePassword: string, args: string[]) {
  const child = spawn('keytool', [...jvmFlags, ...args], {
    env: { ...process.env, [passwordVariable]: storePassword },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  const collect = !args.includes('-certreq');
  if (collect) child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  if (!args.includes('-gencert')) child.stdin.end();
  const done = new Promise<string>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new LocalKafkaError(
              'INLET_KAFKA_NO_KEYTOOL',
              'keytool is not on PATH: the SASL_SSL listener of the local broker makes its certificates with ' +
                "the JDK's keytool. Install a full JDK 17+ (keytool ships with it), or use the plaintext broker " +
                '(unset KAFKA_SECURITY_PROTOCOL).',
              { cause: error },
            )
          : error,
      ),
    );
    child.on('close', (code) => {
      if (code === 0) return resolve(output);
      reject(
        new LocalKafkaError(
          'INLET_KAFKA_CERTIFICATES',
          `keytool ${args[0]} failed (exit ${code}) while making the broker's certificates: ${errors || output}`,
        ),
      );
    });
  });
  return { child, done };
}
