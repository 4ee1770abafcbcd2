import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { log4jProperties, randomClusterId, serverProperties } from './broker-config.js';
import { formatStorage, startBrokerProcess, type BrokerProcess } from './broker-process.js';
import { ensureKafkaJars } from './jars.js';
import { resolveOptions, type LocalKafkaOptions } from './options.js';
import { freePort } from './ports.js';
import { waitUntilReady } from './readiness.js';
import { checkTools } from './tools.js';

const workDirPrefix = 'inlet-kafka-';
const maxStartAttempts = 3;
const ownerFile = 'owner.pid';

export interface RunningKafka {
  /** bootstrap servers, e.g. ['127.0.0.1:39092'] */
  brokers: string[];
  /** 'external' when KAFKA_BROKERS pointed at an existing cluster, 'local' when we started one. */
  kind: 'external' | 'local';
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
 * single-node KRaft broker started from Maven Central jars on a free 127.0.0.1 port.
 */
export async function startKafka(overrides: Partial<LocalKafkaOptions> = {}): Promise<RunningKafka> {
  const options = resolveOptions(overrides);
  const started = Date.now();
  const external = options.useKafkaBrokersEnv ? process.env.KAFKA_BROKERS?.trim() : undefined;
  if (external) {
    const brokers = external.split(',').map((broker) => broker.trim());
    await waitUntilReady(brokers, options.readyTimeoutMs);
    options.log(`using the Kafka cluster at ${brokers.join(',')} (KAFKA_BROKERS)`);
    return { brokers, kind: 'external', startupMs: Date.now() - started, stop: async () => undefined };
  }
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

  let broker: BrokerProcess;
  let brokers: string[] = [];
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await broker.stop(options.stopTimeoutMs);
      await rm(workDir, { recursive: true, force: true });
    })());
  const untilReady = async () => {
    try {
      await Promise.race([
        waitUntilReady(brokers, options.readyTimeoutMs),
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
    await writeFile(
      files.propertiesFile,
      serverProperties({ port, controllerPort, dataDir: join(workDir, 'data'), logDir: files.logDir }),
    );
    // The storage records the cluster id, not the ports, so it is formatted once.
    if (attempt === 1) formatStorage(files, clusterId);
    brokers = [`127.0.0.1:${port}`];
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
  const startupMs = Date.now() - started;
  options.log(
    `Kafka ${options.kafkaVersion} ready at ${brokers.join(',')} in ${startupMs} ms ` +
      `(pid ${broker.pid}, logs: ${logFile})`,
  );
  return {
    brokers,
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
