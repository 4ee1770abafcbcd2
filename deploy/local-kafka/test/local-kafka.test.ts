import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { dockerAnswers, kafkaContainerImage, startKafka, LocalKafkaError } from '../src/index.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
// The run's shared broker (the test harness depends on this package, so it cannot be imported here).
const kafkaBrokers = () => inject('kafkaBrokers');

async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function withEnv<T>(changes: Record<string, string | undefined>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(changes).map((key) => [key, process.env[key]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(changes);
  return work().finally(() => apply(saved));
}

describe('the local Kafka launcher', () => {
  it('starts a broker that works, and stops it leaving no JVM and no work folder', async () => {
    const said: string[] = [];
    const kafka = await withEnv({ KAFKA_BROKERS: undefined }, () =>
      startKafka({ containers: 'never', log: (line) => said.push(line) }),
    );
    expect(said[0]).toBe('Kafka from Maven Central jars (INLET_CONTAINERS=never)');
    expect(kafka.kind).toBe('local');
    expect(kafka.brokers[0]).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(isAlive(kafka.pid!)).toBe(true);
    expect(existsSync(kafka.logFile!)).toBe(true);

    await kafka.stop();
    expect(isAlive(kafka.pid!)).toBe(false);
    expect(existsSync(dirname(dirname(kafka.logFile!)))).toBe(false);
  });

  it('stops the broker even when the launching process is killed with SIGKILL', async () => {
    const launcher = spawn('npx', ['tsx', '--conditions=@inlet/source', 'src/cli.ts'], {
      cwd: packageDir,
      env: { ...process.env, KAFKA_BROKERS: '', INLET_CONTAINERS: 'never' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = createInterface({ input: launcher.stderr });
    const said: string[] = [];
    const pid = await new Promise<number>((resolve, reject) => {
      lines.on('line', (line) => {
        said.push(line);
        const match = /\(pid (\d+),/.exec(line);
        if (match) resolve(Number(match[1]));
      });
      launcher.on('exit', (code) =>
        reject(new Error(`launcher exited early with ${code}:\n${said.join('\n')}`)),
      );
    });
    expect(isAlive(pid)).toBe(true);

    // tsx runs the CLI in a child node process: kill that one, as an OOM killer or `kill -9` would.
    const cliPid = await waitFor(() => findChildNode(launcher.pid!), 'the CLI node process');
    process.kill(cliPid, 'SIGKILL');
    await waitFor(() => !isAlive(pid), 'the orphaned broker to stop');
    launcher.kill('SIGKILL');
  });

  // The container path runs only where a Docker engine answers (not on our CI machines): there this test
  // starts a testcontainers broker. Elsewhere it proves the jar launcher is taken, and says why, without a second
  // JVM: with no java on the PATH the jar launcher's own check stops it right after the choice.
  it('without KAFKA_BROKERS, starts a container when Docker answers, else the jars, and says which', async () => {
    const docker = await dockerAnswers();
    const said: string[] = [];
    const unset = {
      KAFKA_BROKERS: undefined,
      KAFKA_SECURITY_PROTOCOL: undefined,
      INLET_CONTAINERS: undefined,
    };
    if (docker) {
      const kafka = await withEnv(unset, () => startKafka({ log: (line) => said.push(line) }));
      try {
        expect(kafka.kind).toBe('container');
        expect(said[0]).toBe(
          `Kafka from a testcontainers container (${kafkaContainerImage}); the first run pulls the image`,
        );
        expect(kafka.clientEnv).toEqual({ KAFKA_BROKERS: kafka.brokers.join(',') });
      } finally {
        await kafka.stop();
      }
    } else {
      const error = await withEnv({ ...unset, PATH: '/nonexistent' }, () =>
        startKafka({ log: (line) => said.push(line) }).catch((caught: unknown) => caught),
      );
      expect(said).toEqual(['Kafka from Maven Central jars (no Docker engine answered)']);
      expect((error as LocalKafkaError).code).toBe('INLET_KAFKA_NO_JAVA');
    }
  }, 240_000);

  it('uses the cluster named by KAFKA_BROKERS instead of starting one', async () => {
    const kafka = await withEnv({ KAFKA_BROKERS: kafkaBrokers().join(',') }, () =>
      startKafka({ log: () => undefined }),
    );
    expect(kafka).toMatchObject({ kind: 'external', brokers: kafkaBrokers() });
    expect(kafka.pid).toBeUndefined();
    await kafka.stop();
  });

  it('fails with a clear message when Java is missing', async () => {
    const error = await withEnv(
      { KAFKA_BROKERS: undefined, INLET_CONTAINERS: 'never', PATH: '/nonexistent' },
      () => startKafka({ log: () => undefined }).catch((caught: unknown) => caught),
    );
    expect(error).toBeInstanceOf(LocalKafkaError);
    expect((error as LocalKafkaError).code).toBe('INLET_KAFKA_NO_JAVA');
    expect((error as Error).message).toMatch(/Java 17 or newer.*KAFKA_BROKERS/);
  });
});

/** The pid of the node process running cli.ts under the given ancestor (npx -> tsx -> node). */
async function findChildNode(ancestor: number): Promise<number | undefined> {
  const { execFileSync } = await import('node:child_process');
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  const processes = table
    .trim()
    .split('\n')
    .map((line) => {
      const [pid, ppid, ...args] = line.trim().split(/\s+/);
      return { pid: Number(pid), ppid: Number(ppid), args: args.join(' ') };
    });
  const descendants = new Set([ancestor]);
  for (let changed = true; changed;) {
    changed = false;
    for (const p of processes) {
      if (descendants.has(p.ppid) && !descendants.has(p.pid)) {
        descendants.add(p.pid);
        changed = true;
      }
    }
  }
  return processes.find(
    (p) => descendants.has(p.pid) && p.args.includes('src/cli.ts') && p.args.includes('preflight'),
  )?.pid;
}
