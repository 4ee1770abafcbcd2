import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { log4jProperties, randomClusterId, serverProperties } from './broker-config.js';
import { formatStorage, startBrokerProcess, type BrokerProcess, type ScramUser } from './broker-process.js';
import { makeBrokerCertificates, planBrokerCertificates } from './certificates.js';
import {
  clientEnvFileText,
  externalClientEnv,
  plaintextClientEnv,
  readinessTargetOf,
  saslSslClientEnv,
} from './client-env.js';
import { ensureKafkaJars } from './jars.js';
import { startContainerKafka } from './container-kafka.js';
import { containerPolicy, dockerAnswers } from './containers.js';
import { chooseKafkaSource } from './kafka-source.js';
import { resolveOptions, securityFromEnv, type LocalKafkaOptions } from './options.js';
import { freePort } from './ports.js';
import { waitUntilReady } from './readiness.js';
import { checkTools } from './tools.js';

const workDirPrefix = 'inlet-kafka-';
const maxStartAttempts = 3;
const ownerFile = 'owner.pid';

export interface RunningKafka {
  /** The bootstrap servers clients use, e.g. ['127.0.0.1:39092'] (the SASL_SSL listener in sasl_ssl mode). */
  brokers: string[];
  /**
   * The connection variables of @inlet/kafka-connection that reach this broker: `{ KAFKA_BROKERS }` for a
   * PLAINTEXT one; with KAFKA_SECURITY_PROTOCOL, KAFKA_SSL_CA_FILE and the SCRAM user for a sasl_ssl one; the
   * environment's own KAFKA_* settings for an external cluster. Hand it to every client process as it is.
   */
  clientEnv: Record<string, string>;
  /**
   * Local only: the loopback PLAINTEXT listener (the broker's own inter-broker listener), which needs no
   * credentials. The same as `brokers` in plaintext mode; in sasl_ssl mode, for tests and tools that must not
   * depend on TLS and SCRAM.
   */
  plaintextBrokers?: string[];
  /**
   * Local only: `clientEnv` as a file (mode 600, removed on stop) for commands run by hand in a shell:
   * `set -a; . FILE; set +a`.
   */
  clientEnvFile?: string;
  /**
   * 'external' when KAFKA_BROKERS pointed at an existing cluster, 'container' when testcontainers started one,
   * 'local' when the jar launcher did.
   */
  kind: 'external' | 'container' | 'local';
  /** The broker's log file (local only). */
  logFile?: string;
  /** The JVM's pid (local only). */
  pid?: number;
  /** Milliseconds from the call to a broker that accepts produce and consume. */
  startupMs: number;
  /** Stops what was started (a no-op for an external cluster); safe to call twice. */
  stop(): Promise<void>;
  /**
   * Local only, for outage tests: stops the broker but keeps its data and address, so that `resume()` brings
   * the same broker back on the same port and clients reconnect to it.
   */
  suspend?(): Promise<void>;
  resume?(): Promise<void>;
}

/**
 * Gives the caller a Kafka broker that works: the cluster named by KAFKA_BROKERS when set, otherwise a
 * single-node KRaft broker, in a testcontainers container when a Docker engine answers (see
 * chooseKafkaSource), else started from Maven Central jars on a free 127.0.0.1 port.
 */
export async function startKafka(overrides: Partial<LocalKafkaOptions> = {}): Promise<RunningKafka> {
  const options = resolveOptions(overrides);
  const started = Date.now();
  const source = await chooseKafkaSource(
    {
      kafkaBrokers: options.useKafkaBrokersEnv ? process.env.KAFKA_BROKERS : undefined,
      containers: options.containers ?? containerPolicy(),
      saslSslAsked: securityFromEnv() === 'sasl_ssl',
    },
    () => dockerAnswers(),
  );
  if (source.kind === 'container') return startContainerKafka(options, started);
  if (source.kind === 'external') {
    const { brokers } = source;
    // The cluster's clients need the environment's TLS/SASL settings too; readiness is checked with them.
    const clientEnv = externalClientEnv();
    await waitUntilReady(readinessTargetOf(clientEnv, { stopOnWrongSetting: true }), options.readyTimeoutMs);
    options.log(`using the Kafka cluster at ${brokers.join(',')} (KAFKA_BROKERS)`);
    return {
      brokers,
      clientEnv,
      kind: 'external',
      startupMs: Date.now() - started,
      stop: async () => undefined,
    };
  }
  options.log(`Kafka from Maven Central jars (${source.reason})`);
  return startLocalKafka(options, started);
}

async function startLocalKafka(options: LocalKafkaOptions, started: number): Promise<RunningKafka> {
  checkTools();
  const libs = await ensureKafkaJars(options);
  await removeAbandonedWorkDirs();
  const workDir = await mkdtemp(join(tmpdir(), workDirPrefix));
  const files = {
    libs,
    workDir,
    logDir: join(workDir, 'logs'),
    propertiesFile: join(workDir, 'server.properties'),
    log4jFile: join(workDir, 'log4j2.properties'),
  };
  await mkdir(files.logDir, { recursive: true });
  await writeFile(files.log4jFile, log4jProperties(files.logDir));
  const clusterId = randomClusterId();
  const logFile = join(files.logDir, 'server.log');

  // sasl_ssl: the certificates are made while the storage is formatted (both are JVM starts), with one SCRAM
  // user whose password is new at every start.
  const secured = options.security === 'sasl_ssl';
  const tlsDir = join(workDir, 'tls');
  const certificates = planBrokerCertificates(tlsDir);
  const users: ScramUser[] = secured
    ? [{ username: 'inlet', password: randomBytes(24).toString('hex') }]
    : [];
  const certificatesMade = secured ? makeBrokerCertificates(tlsDir, certificates) : Promise.resolve();
  // Awaited below; until then a failure must not count as unhandled.
  certificatesMade.catch(() => undefined);

  let broker: BrokerProcess;
  let brokers: string[] = [];
  let plaintextBrokers: string[] = [];
  let clientEnv: Record<string, string> = {};
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await broker.stop(options.stopTimeoutMs);
      await rm(workDir, { recursive: true, force: true });
    })());
  const untilReady = async () => {
    try {
      await Promise.race([
        // Through the listener clients will use, with the settings they will be given.
        waitUntilReady(readinessTargetOf(clientEnv, { stopOnWrongSetting: false }), options.readyTimeoutMs),
        broker.exited.then((code) => {
          throw new Error(`the broker exited with code ${code} while starting; see ${logFile}`);
        }),
      ]);
    } catch (error) {
      await broker.stop(options.stopTimeoutMs);
      throw error;
    }
  };

  // A port found free can be taken by another process before the JVM binds it (tests start brokers in
  // parallel): when that is why the broker died, try again on other ports.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const controllerPort = await freePort();
    const securedPort = secured ? await freePort() : undefined;
    await writeFile(
      files.propertiesFile,
      serverProperties({
        port,
        controllerPort,
        dataDir: join(workDir, 'data'),
        logDir: files.logDir,
        ...(securedPort ? { secured: { port: securedPort, ...certificates } } : {}),
      }),
    );
    // The storage records the cluster id and the SCRAM users, not the ports, so it is formatted once.
    if (attempt === 1) await Promise.all([formatStorage(files, clusterId, users), certificatesMade]);
    plaintextBrokers = [`127.0.0.1:${port}`];
    brokers = securedPort ? [`127.0.0.1:${securedPort}`] : plaintextBrokers;
    clientEnv = securedPort
      ? saslSslClientEnv(brokers, certificates.caFile, users[0]!)
      : plaintextClientEnv(brokers);
    broker = await startBrokerProcess(files, options.maxHeap);
    await writeFile(join(workDir, ownerFile), `${process.pid}\n`);
    try {
      await untilReady();
      break;
    } catch (error) {
      if (attempt >= maxStartAttempts || !(await lostPortRace(files.logDir))) throw error;
      options.log(`a port was taken before the broker bound it; starting again on other ports`);
    }
  }
  const clientEnvFile = join(workDir, 'client.env');
  await writeFile(clientEnvFile, clientEnvFileText(clientEnv), { mode: 0o600 });
  const startupMs = Date.now() - started;
  options.log(
    `Kafka ${options.kafkaVersion} ready at ${brokers.join(',')}` +
      (secured
        ? ` (SASL_SSL, SCRAM user ${users[0]!.username}; PLAINTEXT at ${plaintextBrokers.join(',')})`
        : '') +
      ` in ${startupMs} ms (pid ${broker.pid}, logs: ${logFile})`,
  );
  return {
    brokers,
    clientEnv,
    plaintextBrokers,
    clientEnvFile,
    kind: 'local',
    logFile,
    pid: broker.pid,
    startupMs,
    stop,
    suspend: () => broker.stop(options.stopTimeoutMs),
    async resume() {
      broker = await startBrokerProcess(files, options.maxHeap);
      await untilReady();
    },
  };
}

/** True when the broker's logs say it could not bind a port; clears them for the next attempt. */
async function lostPortRace(logDir: string): Promise<boolean> {
  const logs = await Promise.all(
    ['server.log', 'stdout.log'].map((name) => readFile(join(logDir, name), 'utf8').catch(() => '')),
  );
  const bindFailure = logs.some((log) => /BindException|Address already in use/.test(log));
  if (bindFailure) {
    for (const name of await readdir(logDir)) await rm(join(logDir, name), { force: true });
  }
  return bindFailure;
}

/**
 * A launcher killed with SIGKILL cannot delete its work folder (its broker still stops: see
 * broker-watchdog.sh). The next start removes folders whose owning process is gone.
 */
async function removeAbandonedWorkDirs(): Promise<void> {
  const entries = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const entry of entries.filter((name) => name.startsWith(workDirPrefix))) {
    const dir = join(tmpdir(), entry);
    const owner = Number((await readFile(join(dir, ownerFile), 'utf8').catch(() => '')).trim());
    // Best effort: the orphan's broker may still be writing its shutdown logs, and another launcher may be
    // removing the same folder; whatever is left goes on a later start.
    if (owner && !isAlive(owner)) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
