import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { scramMechanisms } from './broker-config.js';
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

export interface ScramUser {
  username: string;
  password: string;
}

/**
 * Formats the KRaft storage (what `kafka-storage format` does). SCRAM users are written into the first metadata
 * records here (`--add-scram`), so the broker accepts them from its first second, with no admin step after it
 * starts. Asynchronous, so that the broker's certificates can be made meanwhile.
 */
export async function formatStorage(
  files: BrokerFiles,
  clusterId: string,
  users: ScramUser[] = [],
): Promise<void> {
  const scram = users.flatMap((user) =>
    scramMechanisms.flatMap((mechanism) => [
      '--add-scram',
      `${mechanism}=[name=${user.username},password=${user.password}]`,
    ]),
  );
  const args = [
    '-cp',
    join(files.libs, '*'),
    'kafka.tools.StorageTool',
    'format',
    `--cluster-id=${clusterId}`,
  ];
  const result = await run('java', [...args, '-c', files.propertiesFile, ...scram]);
  if (result.code !== 0) {
    throw new LocalKafkaError(
      'INLET_KAFKA_FORMAT',
      // The output may echo the --add-scram arguments: passwords are masked before it is shown.
      `formatting Kafka storage failed (exit ${result.code}): ${mask(result.output, users)}`,
    );
  }
}

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

function mask(text: string, users: ScramUser[]): string {
  return users.reduce((masked, user) => masked.split(user.password).join('***'), text);
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
