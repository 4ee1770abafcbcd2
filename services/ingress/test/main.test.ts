import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { kafkaBrokers, waitFor } from '@inlet/test-harness';
import { hmacHeader } from './helpers/sign.js';

const serviceDir = fileURLToPath(new URL('..', import.meta.url));

/** Runs src/main.ts as production does (one node process), with the given environment. */
function runIngress(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
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

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('the ingress process (src/main.ts)', () => {
  const running: ChildProcess[] = [];
  afterAll(() => running.forEach((child) => child.kill('SIGKILL')));

  it('starts from its environment, accepts a signed webhook, and exits cleanly on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inlet-ingress-main-'));
    const sourcesFile = join(dir, 'sources.yaml');
    await writeFile(
      sourcesFile,
      'sources:\n  - id: main-lti\n    family: lti\n    auth: { scheme: hmac, secrets: [{ env: MAIN_LTI_SECRET }] }\n',
    );
    const port = await freePort();
    const ingress = runIngress({
      PORT: String(port),
      HOST: '127.0.0.1',
      KAFKA_BROKERS: kafkaBrokers().join(','),
      INLET_SOURCES_FILE: sourcesFile,
      MAIN_LTI_SECRET: 'main-secret',
      LOG_LEVEL: 'info',
    });
    running.push(ingress.child);
    const base = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${base}/health/ready`)).status === 200, {
      timeoutMs: 30_000,
      what: `the ingress to be ready (output so far: ${ingress.output()})`,
    });

    const body = JSON.stringify({
      type: 'member.added',
      data: {
        contextId: 'course-9',
        userId: 'user-9',
        roles: ['Learner'],
        timestamp: '2026-11-23T12:00:00Z',
      },
    });
    const response = await fetch(`${base}/webhooks/lti/events?source=main-lti`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-webhook-signature': hmacHeader('main-secret', body) },
    });
    expect(response.status).toBe(202);
    const { eventId } = (await response.json()) as { eventId: string };
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/inlet_ingress_produce_batch_size_count 1\b/);
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'healthy',
      failureRate: 0,
      queueSize: 0,
      reasons: [],
    });

    // The request's log line is written once the answer has gone out.
    await waitFor(() => ingress.output().includes(eventId), { what: 'the request log line' });
    expect(ingress.output()).not.toContain('main-secret');

    ingress.child.kill('SIGTERM');
    expect(await ingress.exited).toBe(0);
  }, 60_000);

  it('refuses to start, naming the missing setting, without KAFKA_BROKERS', async () => {
    const ingress = runIngress({ INLET_SOURCES_FILE: '/dev/null' });
    running.push(ingress.child);
    expect(await ingress.exited).not.toBe(0);
    expect(ingress.output()).toMatch(/KAFKA_BROKERS/);
  }, 30_000);

  it('refuses to start, naming the field, with an invalid sources file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inlet-ingress-main-'));
    const sourcesFile = join(dir, 'sources.yaml');
    await writeFile(
      sourcesFile,
      'sources:\n  - id: bad\n    family: lti\n    auth: { scheme: hmac, secrets: [{ env: UNSET_SECRET }] }\n',
    );
    const ingress = runIngress({ KAFKA_BROKERS: kafkaBrokers().join(','), INLET_SOURCES_FILE: sourcesFile });
    running.push(ingress.child);
    expect(await ingress.exited).not.toBe(0);
    expect(ingress.output()).toMatch(
      /sources\[0\]\.auth\.secrets\[0\]\.env: environment variable UNSET_SECRET is not set/,
    );
  }, 30_000);
});
