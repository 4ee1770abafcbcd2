import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { LocalKafkaError } from './errors.js';

const watchdog = fileURLToPath(new URL('../broker-watchdog.sh', import.meta.url));

export interface BrokerProcess {
  /** The JVM's pid. */
  pid: number;
  /** Resolves with the exit code when the broker has stopped, however it stopped. */
  exited: Promise<number | null>;
  /** SIGTERM (Kafka's controlled shutdown), then SIGKILL after `timeoutMs`. */
  stop(timeoutMs: number): Promise<void>;
}

export interface BrokerFiles {
  libs: string;
  workDir: string;
  logDir: string;
  propertiesFile: string;
  log4jFile: string;
}

/** Formats the KRaft storage (what `kafka-storage.sh format` does). */
export function formatStorage(files: BrokerFiles, clusterId: string): void {
  const result = spawnSync(
    'java',
    [
      '-cp',
      join(files.libs, '*'),
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId,
      '-c',
      files.propertiesFile,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new LocalKafkaError(
      'INLET_KAFKA_FORMAT',
      `formatting Kafka storage failed (exit ${result.status}): ${result.stderr || result.stdout}`,
    );
  }
}

/** Starts `kafka.Kafka` under the watchdog script, so no JVM outlives this process. */
export async function startBrokerProcess(files: BrokerFiles, maxHeap: string): Promise<BrokerProcess> {
  const javaArgs = [
    '-Xms256m',
    `-Xmx${maxHeap}`,
    '-XX:+UseSerialGC',
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${files.log4jFile}`,
    `-Dkafka.logs.dir=${files.logDir}`,
    '-cp',
    join(files.libs, '*'),
    'kafka.Kafka',
    files.propertiesFile,
  ];
  const child = spawn(watchdog, ['java', ...javaArgs], {
    cwd: files.workDir,
    env: { ...process.env, BROKER_OUTPUT: join(files.logDir, 'stdout.log') },
    // stdin stays a pipe we never close: its end-of-file is the watchdog's signal that we are gone.
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const pid = await readPid(child, exited, files.logDir);
  // Neither the pipe nor the child may keep the launching process alive on its own.
  child.unref();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  (child.stdout as unknown as { unref?: () => void }).unref?.();

  return {
    pid,
    exited,
    async stop(timeoutMs) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        killQuietly(pid);
        child.kill('SIGKILL');
      }, timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function readPid(child: ChildProcess, exited: Promise<number | null>, logDir: string): Promise<number> {
  const lines = createInterface({ input: child.stdout! });
  const firstLine = new Promise<string>((resolve) => lines.once('line', resolve));
  const result = await Promise.race([firstLine, exited.then(() => undefined)]);
  lines.close();
  const pid = Number(result);
  if (!result || !Number.isInteger(pid)) {
    const log = await readFile(join(logDir, 'stdout.log'), 'utf8').catch(() => '');
    throw new LocalKafkaError('INLET_KAFKA_START', `the Kafka broker did not start:\n${log.slice(-4000)}`);
  }
  return pid;
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
