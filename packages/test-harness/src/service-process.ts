import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './postgres.js';
import { waitFor } from './wait.js';

export interface SpawnedService {
  child: ReturnType<typeof spawn>;
  output(): string;
  exited: Promise<number | null>;
}

/** Runs a service's src/main.ts as production does (one node process), configured by environment only. */
export function spawnService(serviceDir: string, env: Record<string, string>): SpawnedService {
  const child = spawn(process.execPath, ['--conditions=@inlet/source', '--import', 'tsx', 'src/main.ts'], {
    cwd: serviceDir,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** A loopback port nothing listens on (taken, then released). */
export function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ConsumerServiceProcessSuite {
  /** e.g. 'grades' */
  service: string;
  /** The service's folder (where src/main.ts is). */
  serviceDir: string;
  /** A read-API path that answers 200 on an empty, migrated schema. */
  readPath: string;
  /** Settings the service needs besides Kafka and the database. */
  env?: Record<string, string>;
}

/**
 * The process-level behaviour every consumer service shares (its lifecycle is runConsumerService): it migrates,
 * listens, is live but not ready while it cannot consume, exits 0 on SIGTERM; it exits 1 naming the cause when
 * Kafka stays unreachable, when KAFKA_BROKERS is missing, or when the database does not answer. These runs
 * never reach a broker: joining the real consumer group on the shared test broker would take partitions from
 * other tests. The runs mostly wait (process start, kafkajs giving up), so they run side by side.
 */
export function describeConsumerServiceProcess({
  service,
  serviceDir,
  readPath,
  env = {},
}: ConsumerServiceProcessSuite) {
  describe.concurrent(`the ${service} process (src/main.ts)`, () => {
    const running: SpawnedService[] = [];
    let database: TestDatabase;
    const run = (settings: Record<string, string>) => {
      const spawned = spawnService(serviceDir, { ...env, ...settings });
      running.push(spawned);
      return spawned;
    };

    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(async () => {
      running.forEach((spawned) => spawned.child.kill('SIGKILL'));
      await Promise.all(running.map((spawned) => spawned.exited));
      await database?.drop();
    });

    it('migrates, answers live (and not ready) while it cannot consume, and exits 0 on SIGTERM', async () => {
      const port = await closedPort();
      const started = run({
        PORT: String(port),
        HOST: '127.0.0.1',
        KAFKA_BROKERS: `127.0.0.1:${await closedPort()}`,
        DATABASE_URL: database.url,
        LOG_LEVEL: 'info',
      });
      const base = `http://127.0.0.1:${port}`;
      await waitFor(async () => (await fetch(`${base}/health/live`)).status === 200, {
        timeoutMs: 45_000,
        what: `the service to listen`,
      });
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ checks: { consumer: 'failing', database: 'ok' } });
      // The WebhookHealth report says the same, with the reason.
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'unhealthy', queueSize: 0, lastProcessed: null });
      // The schema was migrated before it listened, so reads already work.
      expect((await fetch(`${base}${readPath}`)).status).toBe(200);

      started.child.kill('SIGTERM');
      expect(await started.exited).toBe(0);
      expect(started.output()).toContain('shutting down');
      expect(started.output()).not.toContain('could not start');
    }, 90_000);

    it('exits 1, naming Kafka, when the broker stays unreachable', async () => {
      const started = run({
        PORT: '0',
        HOST: '127.0.0.1',
        KAFKA_BROKERS: `127.0.0.1:${await closedPort()}`,
        DATABASE_URL: database.url,
      });
      // kafkajs retries the connection for about 12 s before the runtime gives up.
      expect(await started.exited).toBe(1);
      expect(started.output()).toContain('the consumer could not start');
      expect(started.output()).toContain('Kafka is unreachable');
    }, 90_000);

    it('refuses to start, naming the missing setting, without KAFKA_BROKERS', async () => {
      const started = run({ DATABASE_URL: database.url });
      expect(await started.exited).not.toBe(0);
      expect(started.output()).toMatch(/KAFKA_BROKERS/);
    }, 60_000);

    it('exits 1 before listening when the database does not answer, and says so', async () => {
      const started = run({
        KAFKA_BROKERS: '127.0.0.1:9',
        DATABASE_URL: `postgres://postgres@127.0.0.1:${await closedPort()}/postgres`,
      });
      expect(await started.exited).toBe(1);
      expect(started.output()).toContain('migrations failed: not starting');
      expect(started.output()).toContain('ECONNREFUSED');
    }, 60_000);
  });
}
