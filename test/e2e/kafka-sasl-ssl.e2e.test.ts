import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import {
  explainKafkaConnectError,
  kafkaClientConfig,
  loadKafkaConnection,
  type KafkaConnection,
} from '@inlet/kafka-connection';
import { makeCertificateAuthority } from '@inlet/local-kafka';
import {
  createTestDatabase,
  createTopics,
  secureKafka,
  spawnService,
  uniqueName,
  waitFor,
  type SecureKafka,
  type SpawnedService,
  type TestDatabase,
} from '@inlet/test-harness';

const gradesDir = fileURLToPath(new URL('../../services/grades', import.meta.url));

// The Kafka connection settings against a real broker's SASL_SSL listener: TLS verified against the CA the
// launcher made with keytool, SCRAM users written at format time. What a managed cluster (MSK, Confluent Cloud,
// Aiven) or a Strimzi TLS listener asks of a client, proved end to end here.
describe('Kafka over SASL_SSL with SCRAM, on the real local broker', () => {
  let broker: SecureKafka;
  let env: Record<string, string>;
  let workDir: string;

  beforeAll(async () => {
    broker = await secureKafka();
    env = broker.clientEnv;
    workDir = await mkdtemp(join(tmpdir(), 'inlet-sasl-ssl-test-'));
  }, 180_000);
  afterAll(async () => {
    await broker?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  const client = (connection: KafkaConnection, extra: Partial<KafkaConfig> = {}) =>
    new Kafka({
      clientId: uniqueName('sasl-ssl'),
      ...kafkaClientConfig(connection),
      logLevel: logLevel.NOTHING,
      ...extra,
    });

  it('produces with acks=all (idempotent) and consumes in a group with SCRAM-SHA-512', async () => {
    const connection = loadKafkaConnection(env);
    expect(connection).toMatchObject({ securityProtocol: 'sasl_ssl', sasl: { mechanism: 'scram-sha-512' } });
    expect(connection.ssl?.ca).toBeDefined();
    const kafka = client(connection);
    const topic = uniqueName('secured');
    const dropTopic = await createTopics(kafka, [{ topic, numPartitions: 2 }]);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    const groupId = uniqueName('secured-group');
    const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    const admin = kafka.admin();
    try {
      await producer.connect();
      const sent = ['a', 'b', 'c', 'd'].map((key) => ({ key, value: `over TLS ${key}` }));
      await producer.send({ topic, acks: -1, messages: sent });

      const received: string[] = [];
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          received.push(message.value!.toString());
        },
      });
      await waitFor(() => received.length >= sent.length, {
        timeoutMs: 30_000,
        what: 'the messages to be consumed over SASL_SSL',
      });
      expect(received.sort()).toEqual(sent.map((message) => message.value).sort());

      // The group's commits went through the same listener.
      await admin.connect();
      const committed = await waitFor(
        async () => {
          const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
          const total = offsets!.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
          return total === sent.length ? total : undefined;
        },
        { timeoutMs: 15_000, what: 'the group to commit its offsets' },
      );
      expect(committed).toBe(sent.length);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.disconnect();
      await dropTopic();
    }
  }, 90_000);

  it('logs in with SCRAM-SHA-256 as the same user', async () => {
    // The broker may be the run's (topics already made) or one this file started (none), so the login is
    // proved by a write of its own: a topic made over SCRAM-SHA-256 that the same session then lists.
    const kafka = client(loadKafkaConnection({ ...env, KAFKA_SASL_MECHANISM: 'scram-sha-256' }));
    const topic = uniqueName('scram-256');
    const dropTopic = await createTopics(kafka, [{ topic, numPartitions: 1 }]);
    const admin = kafka.admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).toContain(topic);
    } finally {
      await admin.disconnect();
      await dropTopic();
    }
  });

  it('refuses a wrong password; the error names KAFKA_SASL_PASSWORD and holds no password', async () => {
    const wrong = 'not-the-password';
    const connection = loadKafkaConnection({ ...env, KAFKA_SASL_PASSWORD: wrong });
    const error = await client(connection, { retry: { retries: 0 } })
      .admin()
      .connect()
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    const explained = explainKafkaConnectError(error, connection);
    expect(explained?.variable).toBe('KAFKA_SASL_PASSWORD');
    expect(explained?.message).not.toContain(wrong);
    expect(explained?.message).not.toContain(env.KAFKA_SASL_PASSWORD);
  });

  it('does not trust the broker through the system CAs; the error names KAFKA_SSL_CA_FILE', async () => {
    const systemCas = Object.entries(env).filter(([name]) => name !== 'KAFKA_SSL_CA_FILE');
    const connection = loadKafkaConnection(Object.fromEntries(systemCas));
    const error = await client(connection, { retry: { retries: 0 } })
      .admin()
      .connect()
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(explainKafkaConnectError(error, connection)?.variable).toBe('KAFKA_SSL_CA_FILE');
  });

  // A service given bad credentials must stop at start-up and say which setting to fix, not retry forever
  // behind a health check that never turns ready. These runs never join a group: the broker refuses them.
  describe.concurrent('a service (grades) started with a setting the broker refuses', () => {
    let database: TestDatabase;
    const running: SpawnedService[] = [];
    const startGrades = (settings: Record<string, string>) => {
      const spawned = spawnService(gradesDir, {
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: database.url,
        ...env,
        ...settings,
      });
      running.push(spawned);
      return spawned;
    };
    const exitWithin = (spawned: SpawnedService, ms: number) =>
      Promise.race([
        spawned.exited,
        new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), ms).unref()),
      ]);

    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(async () => {
      running.forEach((spawned) => spawned.child.kill('SIGKILL'));
      await Promise.all(running.map((spawned) => spawned.exited));
      await database?.drop();
    });

    it('stops, naming KAFKA_SASL_PASSWORD, when the password is wrong', async () => {
      const wrong = 'wrong-password-for-the-test';
      const grades = startGrades({ KAFKA_SASL_PASSWORD: wrong });
      const code = await exitWithin(grades, 60_000);
      expect(code, grades.output()).not.toBe('still running');
      expect(code).not.toBe(0);
      expect(grades.output()).toContain('KAFKA_SASL_PASSWORD');
      expect(grades.output()).not.toContain(wrong);
      expect(grades.output()).not.toContain(env.KAFKA_SASL_PASSWORD);
    }, 90_000);

    it('stops, naming KAFKA_SSL_CA_FILE, when the CA file holds another CA', async () => {
      const otherCa = await makeCertificateAuthority(join(workDir, 'other-ca'), 'Not the broker CA');
      const grades = startGrades({ KAFKA_SSL_CA_FILE: otherCa.caFile });
      const code = await exitWithin(grades, 60_000);
      expect(code, grades.output()).not.toBe('still running');
      expect(code).not.toBe(0);
      expect(grades.output()).toContain('KAFKA_SSL_CA_FILE');
      expect(grades.output()).not.toContain(env.KAFKA_SASL_PASSWORD);
    }, 90_000);
  });
});
