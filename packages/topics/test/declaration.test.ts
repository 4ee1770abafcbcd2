import { describe, expect, it } from 'vitest';
import {
  declaredTopics,
  replicationFactorFromEnv,
  retryDelays,
  serviceNames,
  serviceTopics,
} from '../src/index.js';

describe('the topic declaration', () => {
  it('gives every service a main topic, retry tiers of 1 s, 2 s and 4 s, and a DLQ', () => {
    expect(serviceTopics('grades')).toMatchObject({
      main: 'inlet.grades.v1',
      consumerGroup: 'inlet-grades',
      retryTiers: [
        { topic: 'grades.retry.1000', delayMs: 1000 },
        { topic: 'grades.retry.2000', delayMs: 2000 },
        { topic: 'grades.retry.4000', delayMs: 4000 },
      ],
      dlq: 'grades.dlq',
    });
    const names = declaredTopics({ replicationFactor: 1 }).map((spec) => spec.name);
    for (const service of serviceNames) {
      const topics = serviceTopics(service);
      expect(names).toEqual(
        expect.arrayContaining([topics.main, topics.dlq, ...topics.retryTiers.map((t) => t.topic)]),
      );
    }
    expect(new Set(names).size).toBe(names.length);
  });

  it('caps retry delays at the policy maximum', () => {
    expect(retryDelays({ initialDelayMs: 1000, factor: 2, maxDelayMs: 30_000, maxRetries: 7 })).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
  });

  it('requires two in-sync replicas once the cluster replicates three times', () => {
    const local = declaredTopics({ replicationFactor: 1 })[0];
    const production = declaredTopics({ replicationFactor: 3 })[0];
    expect(local?.config['min.insync.replicas']).toBe('1');
    expect(production?.config['min.insync.replicas']).toBe('2');
  });

  it('keeps dead letters longer than live traffic', () => {
    const specs = declaredTopics({ replicationFactor: 1 });
    const retention = (name: string) =>
      Number(specs.find((spec) => spec.name === name)?.config['retention.ms']);
    expect(retention('payments.dlq')).toBeGreaterThan(retention('inlet.payments.v1'));
  });

  it('rejects a replication factor that is not a positive whole number', () => {
    expect(replicationFactorFromEnv({})).toBe(1);
    expect(replicationFactorFromEnv({ KAFKA_REPLICATION_FACTOR: '3' })).toBe(3);
    expect(() => replicationFactorFromEnv({ KAFKA_REPLICATION_FACTOR: 'two' })).toThrow(
      /KAFKA_REPLICATION_FACTOR/,
    );
  });
});
