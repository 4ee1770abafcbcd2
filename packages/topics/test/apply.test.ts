import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import kafkajs, { type Admin } from 'kafkajs';
const { ConfigResourceTypes } = kafkajs;
import { Kafka, logLevel } from 'kafkajs';
import { applyTopics, declaredTopics, type TopicSpec } from '../src/index.js';
import { eventually } from './support/eventually.js';

// The run's broker comes from the global setup in packages/test-harness, which depends on this package, so
// this file cannot import the harness's helpers.
const testKafka = () =>
  new Kafka({ clientId: 'topics-test', brokers: inject('kafkaBrokers'), logLevel: logLevel.WARN });
const uniqueName = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

describe('applying the topic declaration to a real broker', () => {
  let admin: Admin;
  const prefix = uniqueName('apply');
  const spec = (name: string, partitions: number, retentionMs: number): TopicSpec => ({
    name: `${prefix}.${name}`,
    partitions,
    config: { 'cleanup.policy': 'delete', 'retention.ms': String(retentionMs) },
  });

  beforeAll(async () => {
    admin = testKafka().admin();
    await admin.connect();
  });
  afterAll(async () => {
    const ours = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (ours.length > 0) await admin.deleteTopics({ topics: ours });
    await admin.disconnect();
  });

  it('creates missing topics, then changes nothing when applied again', async () => {
    const specs = [spec('main', 3, 86_400_000), spec('dlq', 1, 172_800_000)];
    const first = await applyTopics(admin, specs, { replicationFactor: 1 });
    expect(first.created.sort()).toEqual(specs.map((s) => s.name).sort());

    const metadata = await admin.fetchTopicMetadata({ topics: [specs[0]!.name] });
    expect(metadata.topics[0]?.partitions).toHaveLength(3);

    const second = await applyTopics(admin, specs, { replicationFactor: 1 });
    expect(second).toMatchObject({ created: [], partitionsIncreased: [], configsUpdated: [] });
    expect(second.unchanged.sort()).toEqual(specs.map((s) => s.name).sort());
  });

  it('adds partitions and updates configuration, and warns instead of shrinking', async () => {
    await applyTopics(admin, [spec('grow', 1, 1000)], { replicationFactor: 1 });

    const dryRun = await applyTopics(admin, [spec('grow', 2, 2000)], { replicationFactor: 1, dryRun: true });
    expect(dryRun.partitionsIncreased).toEqual([{ topic: `${prefix}.grow`, from: 1, to: 2 }]);
    expect(
      (await admin.fetchTopicMetadata({ topics: [`${prefix}.grow`] })).topics[0]?.partitions,
    ).toHaveLength(1);

    const result = await applyTopics(admin, [spec('grow', 2, 2000)], { replicationFactor: 1 });
    expect(result.configsUpdated).toEqual([{ topic: `${prefix}.grow`, changed: ['retention.ms'] }]);
    expect(
      (await admin.fetchTopicMetadata({ topics: [`${prefix}.grow`] })).topics[0]?.partitions,
    ).toHaveLength(2);
    await eventually(async () => {
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [
          { type: ConfigResourceTypes.TOPIC, name: `${prefix}.grow`, configNames: ['retention.ms'] },
        ],
      });
      expect(described.resources[0]?.configEntries[0]?.configValue).toBe('2000');
    });

    const shrink = await applyTopics(admin, [spec('grow', 1, 2000)], { replicationFactor: 1 });
    expect(shrink.warnings[0]).toMatch(/cannot remove partitions/);
  });

  it('applies the full Inlet declaration idempotently', async () => {
    const specs = declaredTopics({ replicationFactor: 1 });
    await applyTopics(admin, specs, { replicationFactor: 1 });
    const again = await applyTopics(admin, specs, { replicationFactor: 1 });
    expect(again.created).toEqual([]);
    expect(again.unchanged).toHaveLength(specs.length);
  });
});
