import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaBrokers, secureKafka, testKafka, waitFor } from '@inlet/test-harness';
import type { RunningKafka } from '@inlet/local-kafka';
import { postgresAnswers } from '../src/postgres.js';
import { discoverServices } from '../src/services.js';
import { startStack } from '../src/stack.js';

// A stand-in service: records the environment the stack gave it, then runs until SIGTERM.
const fakeService = `
const fs = require('node:fs');
const kafka = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('KAFKA_')));
fs.writeFileSync('env.json', JSON.stringify({ kafka, KAFKA_BROKERS: process.env.KAFKA_BROKERS, DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL ?? null, ECHO_MODE: process.env.ECHO_MODE }));
process.on('SIGTERM', () => { fs.writeFileSync('stopped', 'yes'); process.exit(0); });
setInterval(() => {}, 1000);
`;

describe('the local stack', () => {
  let servicesDir: string;
  const kafka = (): RunningKafka => ({
    brokers: kafkaBrokers(),
    clientEnv: { KAFKA_BROKERS: kafkaBrokers().join(',') },
    kind: 'external',
    startupMs: 0,
    stop: async () => undefined,
  });

  beforeAll(async () => {
    servicesDir = await mkdtemp(join(tmpdir(), 'inlet-stack-test-'));
    const dir = join(servicesDir, 'echo');
    await mkdir(dir);
    await writeFile(join(dir, 'service.cjs'), fakeService);
    await writeFile(
      join(dir, 'package.json'),
      JSON.stringify({
        name: 'echo',
        scripts: { start: 'node service.cjs' },
        inlet: { port: 8099, localEnv: { ECHO_MODE: 'local', KAFKA_BROKERS: 'overridden-by-the-stack' } },
      }),
    );
    await mkdir(join(servicesDir, 'no-start'));
    await writeFile(join(servicesDir, 'no-start', 'package.json'), JSON.stringify({ name: 'lib' }));
  });
  afterAll(async () => rm(servicesDir, { recursive: true, force: true }));

  it('finds the services that have a start script', () => {
    expect(discoverServices(servicesDir).map((service) => [service.name, service.port])).toEqual([
      ['echo', 8099],
    ]);
  });

  it('creates the topics, starts each service with the stack environment, and stops it', async () => {
    const stack = await startStack({
      kafka: kafka(),
      services: discoverServices(servicesDir),
      log: () => undefined,
    });
    const envFile = join(servicesDir, 'echo', 'env.json');
    const env = await waitFor(
      async () => JSON.parse(await readFile(envFile, 'utf8')) as Record<string, string>,
      {
        what: 'the service to start',
      },
    );
    expect(env.KAFKA_BROKERS).toBe(kafkaBrokers().join(','));
    expect(stack.summary[0]).toContain('security=plaintext');
    expect(env.ECHO_MODE).toBe('local');
    expect(await postgresAnswers(env.DATABASE_URL!)).toBe(true);

    const admin = testKafka().admin();
    await admin.connect();
    const topics = await admin.listTopics();
    await admin.disconnect();
    expect(topics).toEqual(
      expect.arrayContaining(['inlet.grades.v1', 'grades.retry.1000', 'grades.dlq', 'inlet.media.v1']),
    );

    await stack.stop();
    expect(await readFile(join(servicesDir, 'echo', 'stopped'), 'utf8')).toBe('yes');
  });

  it("gives every service the broker's SASL_SSL client settings, and no KAFKA_* setting of its own shell", async () => {
    const secure = await secureKafka();
    const saved = process.env.KAFKA_OAUTH_SCOPE;
    // Left over in the shell for some other cluster: must not reach the services.
    process.env.KAFKA_OAUTH_SCOPE = 'left-over';
    try {
      await rm(join(servicesDir, 'echo', 'env.json'), { force: true });
      const stack = await startStack({
        kafka: {
          brokers: secure.clientEnv.KAFKA_BROKERS!.split(','),
          clientEnv: secure.clientEnv,
          kind: 'external',
          startupMs: 0,
          stop: async () => undefined,
        },
        services: discoverServices(servicesDir),
        log: () => undefined,
      });
      const env = await waitFor(
        async () =>
          JSON.parse(await readFile(join(servicesDir, 'echo', 'env.json'), 'utf8')) as {
            kafka: Record<string, string>;
          },
        { what: 'the service to start' },
      );
      expect(env.kafka).toMatchObject(secure.clientEnv);
      expect(env.kafka.KAFKA_OAUTH_SCOPE).toBeUndefined();
      // The summary says how the services connect, and never the password.
      expect(stack.summary[0]).toMatch(/security=sasl_ssl .*sasl=scram-sha-512/);
      expect(stack.summary.join('\n')).not.toContain(secure.clientEnv.KAFKA_SASL_PASSWORD);
      await stack.stop();
    } finally {
      if (saved === undefined) delete process.env.KAFKA_OAUTH_SCOPE;
      else process.env.KAFKA_OAUTH_SCOPE = saved;
      await secure.stop();
    }
  }, 180_000);

  it('embeds a PostgreSQL per service and keeps rate limits in memory when no server answers', async () => {
    const saved = {
      db: process.env.DATABASE_URL,
      redis: process.env.REDIS_URL,
      containers: process.env.INLET_CONTAINERS,
    };
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/postgres';
    process.env.REDIS_URL = 'redis://127.0.0.1:1';
    // Where Docker answers the stack would start a PostgreSQL container instead (postgres-choice.test.ts).
    process.env.INLET_CONTAINERS = 'never';
    try {
      await rm(join(servicesDir, 'echo', 'env.json'), { force: true });
      const stack = await startStack({
        kafka: kafka(),
        services: discoverServices(servicesDir),
        log: () => undefined,
      });
      const env = await waitFor(
        async () =>
          JSON.parse(await readFile(join(servicesDir, 'echo', 'env.json'), 'utf8')) as Record<string, string>,
        { what: 'the service to start' },
      );
      expect(env.DATABASE_URL).not.toContain(':1/');
      expect(await postgresAnswers(env.DATABASE_URL!)).toBe(true);
      expect(env.REDIS_URL).toBeNull();
      expect(stack.summary.join('\n')).toMatch(/embedded PGlite/);
      expect(stack.summary.join('\n')).toMatch(/rate limits are kept in memory/);
      await stack.stop();
    } finally {
      for (const [key, value] of [
        ['DATABASE_URL', saved.db],
        ['REDIS_URL', saved.redis],
        ['INLET_CONTAINERS', saved.containers],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
