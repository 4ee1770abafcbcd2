import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { describeConsumerServiceProcess, spawnService, type SpawnedService } from '@inlet/test-harness';

const serviceDir = fileURLToPath(new URL('..', import.meta.url));

// The process itself, as production runs it: the lifecycle every consumer service shares.
describeConsumerServiceProcess({
  service: 'media',
  serviceDir,
  readPath: '/search?q=cells',
  env: { TRANSCRIPT_HOSTS: '127.0.0.1', TRANSCRIPT_ALLOW_PRIVATE_ADDRESSES: 'true' },
});

describe('the media process and its transcript settings', () => {
  const running: SpawnedService[] = [];
  afterAll(async () => {
    running.forEach((spawned) => spawned.child.kill('SIGKILL'));
    await Promise.all(running.map((spawned) => spawned.exited));
  });

  it('says loudly that the test-only switch of the SSRF guard is on', async () => {
    const media = spawnService(serviceDir, {
      KAFKA_BROKERS: '127.0.0.1:9',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:9/postgres',
      TRANSCRIPT_HOSTS: '127.0.0.1',
      TRANSCRIPT_ALLOW_PRIVATE_ADDRESSES: 'true',
    });
    running.push(media);
    await media.exited;
    expect(media.output()).toContain('TRANSCRIPT_ALLOW_PRIVATE_ADDRESSES=true');
  }, 60_000);

  it('refuses to start, naming TRANSCRIPT_HOSTS, when an entry is not a host', async () => {
    const media = spawnService(serviceDir, {
      KAFKA_BROKERS: '127.0.0.1:9',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:9/postgres',
      TRANSCRIPT_HOSTS: 'https://media.example.com/transcripts',
    });
    running.push(media);
    expect(await media.exited).not.toBe(0);
    expect(media.output()).toContain(
      'TRANSCRIPT_HOSTS: "https://media.example.com/transcripts" is not a host',
    );
  }, 60_000);
});
