import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaBrokers, testKafka, uniqueName } from '@inlet/test-harness';
import { createTestTopics } from './support/test-topics.js';

const launcher = fileURLToPath(new URL('../bin/inlet.js', import.meta.url));

/** Runs bin/inlet.js as `npx inlet` would, from outside the repository, bounded in time. */
function inlet(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [launcher, ...args], {
      cwd: tmpdir(),
      env: { PATH: process.env.PATH, ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`inlet ${args.join(' ')} did not exit within 60 s; stderr: ${err}`));
    }, 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

describe('bin/inlet.js', () => {
  const topic = `${uniqueName('cli-launcher')}.dlq`;
  let deleteTopics: () => Promise<void>;

  beforeAll(async () => {
    deleteTopics = await createTestTopics(testKafka(), [{ topic, numPartitions: 1 }]);
  });
  afterAll(async () => {
    await deleteTopics?.();
  });

  it('runs the TypeScript sources without a build and passes the exit code on', async () => {
    const listed = await inlet(['dlq', 'list', 'grades', '--dlq-topic', topic], {
      KAFKA_BROKERS: kafkaBrokers().join(','),
    });
    expect(listed).toMatchObject({ code: 0, out: `0 of 0 dead letters in ${topic} match\n` });

    const usage = await inlet(['dlq', 'list', 'grades'], {});
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/^inlet: KAFKA_BROKERS is not set/);
    expect(usage.err).not.toMatch(/\n\s+at /);
  });
});
