import { createServer, type Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { chooseKafkaSource, containerPolicy, dockerAnswers, LocalKafkaError } from '../src/index.js';

const plaintext = { containers: 'auto', saslSslAsked: false } as const;

describe('where the broker comes from (chooseKafkaSource)', () => {
  it('uses the cluster named by KAFKA_BROKERS without asking Docker', async () => {
    const probe = vi.fn(async () => true);
    const source = await chooseKafkaSource({ ...plaintext, kafkaBrokers: ' a:9092, b:9092 ' }, probe);
    expect(source).toEqual({ kind: 'external', brokers: ['a:9092', 'b:9092'] });
    expect(probe).not.toHaveBeenCalled();
  });

  it('takes a blank KAFKA_BROKERS as unset', async () => {
    const source = await chooseKafkaSource({ ...plaintext, kafkaBrokers: '  ' }, async () => true);
    expect(source).toEqual({ kind: 'container' });
  });

  it('starts a container when a Docker engine answers', async () => {
    const probe = vi.fn(async () => true);
    expect(await chooseKafkaSource({ ...plaintext, kafkaBrokers: undefined }, probe)).toEqual({
      kind: 'container',
    });
    expect(probe).toHaveBeenCalledOnce();
  });

  it('uses the jars, saying why, when no Docker engine answers', async () => {
    expect(await chooseKafkaSource({ ...plaintext, kafkaBrokers: undefined }, async () => false)).toEqual({
      kind: 'jars',
      reason: 'no Docker engine answered',
    });
  });

  it('uses the jars without asking Docker when INLET_CONTAINERS=never', async () => {
    const probe = vi.fn(async () => true);
    const source = await chooseKafkaSource(
      { ...plaintext, containers: 'never', kafkaBrokers: undefined },
      probe,
    );
    expect(source).toEqual({ kind: 'jars', reason: 'INLET_CONTAINERS=never' });
    expect(probe).not.toHaveBeenCalled();
  });

  it('uses the jars when KAFKA_SECURITY_PROTOCOL=sasl_ssl asks for that listener, even with Docker', async () => {
    const probe = vi.fn(async () => true);
    const source = await chooseKafkaSource(
      { ...plaintext, saslSslAsked: true, kafkaBrokers: undefined },
      probe,
    );
    expect(source).toMatchObject({ kind: 'jars', reason: expect.stringMatching(/sasl_ssl/) });
    expect(probe).not.toHaveBeenCalled();
  });
});

describe('INLET_CONTAINERS (containerPolicy)', () => {
  it('is auto when unset or blank, and reads auto and never in any case', () => {
    expect(containerPolicy({})).toBe('auto');
    expect(containerPolicy({ INLET_CONTAINERS: ' ' })).toBe('auto');
    expect(containerPolicy({ INLET_CONTAINERS: 'auto' })).toBe('auto');
    expect(containerPolicy({ INLET_CONTAINERS: ' Never ' })).toBe('never');
  });

  it('refuses any other value, naming the variable', () => {
    const error = (() => {
      try {
        containerPolicy({ INLET_CONTAINERS: 'always' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(LocalKafkaError);
    expect((error as LocalKafkaError).code).toBe('INLET_CONTAINERS_INVALID');
    expect((error as Error).message).toMatch(/INLET_CONTAINERS must be "auto" or "never", not "always"/);
  });
});

describe('Docker detection (dockerAnswers)', () => {
  // An engine address that accepts connections and never answers: the worst case, a hung or firewalled
  // DOCKER_HOST. testcontainers tries DOCKER_HOST first, so this holds on machines with Docker too.
  it('answers no within its timeout when the engine at DOCKER_HOST never replies', async () => {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = `tcp://127.0.0.1:${port}`;
    try {
      expect(await dockerAnswers(1_000)).toBe(false);
      // The probe did reach the silent engine: the "no" came from the timeout, not from a missing setting.
      expect(sockets.size).toBeGreaterThan(0);
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(resolve));
    }
  }, 15_000);
});
