import { describe, expect, it } from 'vitest';
import {
  aclsFor,
  declaredTopics,
  dlqReaderGroupPrefix,
  kafkaUserName,
  principals,
  retryConsumerGroup,
  serviceNames,
  serviceTopics,
  topicsOwnedBy,
  type AclRule,
  unmappedTopic,
  type Principal,
} from '../src/index.js';

/** operations by "type:patternType:name", for readable expectations. */
const table = (principal: Principal) =>
  Object.fromEntries(
    aclsFor(principal).map((rule: AclRule) => [
      `${rule.resource.type}:${rule.resource.patternType}:${rule.resource.name}`,
      [...rule.operations].sort(),
    ]),
  );

describe('who owns which topic', () => {
  it('gives every declared topic to exactly one unit: a service its main topic, retry tiers and DLQ', () => {
    const all = declaredTopics({ replicationFactor: 3 });
    const owned = [...serviceNames, 'ingress' as const].flatMap((owner) =>
      topicsOwnedBy(owner, { replicationFactor: 3 }),
    );
    expect(owned.map((spec) => spec.name).sort()).toEqual(all.map((spec) => spec.name).sort());
    expect(topicsOwnedBy('ingress', { replicationFactor: 3 }).map((spec) => [spec.role, spec.name])).toEqual([
      ['unmapped', unmappedTopic],
    ]);

    const grades = topicsOwnedBy('grades', { replicationFactor: 3 });
    expect(grades.map((spec) => [spec.role, spec.name])).toEqual([
      ['main', 'inlet.grades.v1'],
      ['retry', 'grades.retry.1000'],
      ['retry', 'grades.retry.2000'],
      ['retry', 'grades.retry.4000'],
      ['dlq', 'grades.dlq'],
    ]);
  });

  it('names the retry group after the main group, as the consumer runtime joins it', () => {
    expect(retryConsumerGroup(serviceTopics('payments').consumerGroup)).toBe('inlet-payments-retry');
  });
});

describe('least-privilege ACLs', () => {
  it('lets a consumer read its main and retry topics, write its retry tiers and DLQ, and use its two groups', () => {
    expect(table('grades')).toEqual({
      'topic:literal:inlet.grades.v1': ['Describe', 'Read'],
      'topic:literal:grades.retry.1000': ['Describe', 'Read', 'Write'],
      'topic:literal:grades.retry.2000': ['Describe', 'Read', 'Write'],
      'topic:literal:grades.retry.4000': ['Describe', 'Read', 'Write'],
      // Write to dead-letter; Describe for the end offsets behind inlet_consumer_dlq_depth.
      'topic:literal:grades.dlq': ['Describe', 'Write'],
      'group:literal:inlet-grades': ['Read'],
      'group:literal:inlet-grades-retry': ['Read'],
    });
  });

  it('never lets a consumer write its main topic, read its DLQ, or touch another service', () => {
    for (const service of serviceNames) {
      const own = serviceTopics(service);
      const rules = aclsFor(service);
      expect(rules.every((rule) => rule.resource.patternType === 'literal')).toBe(true);
      const names = rules.map((rule) => rule.resource.name);
      for (const other of serviceNames.filter((name) => name !== service)) {
        const theirs = serviceTopics(other);
        expect(names).not.toContain(theirs.main);
        expect(names).not.toContain(theirs.dlq);
        expect(names).not.toContain(theirs.consumerGroup);
      }
      const main = rules.find((rule) => rule.resource.name === own.main);
      const dlq = rules.find((rule) => rule.resource.name === own.dlq);
      expect(main?.operations).not.toContain('Write');
      expect(dlq?.operations).not.toContain('Read');
    }
  });

  it('lets the ingress write and describe the five main topics and the unmapped topic, nothing else', () => {
    expect(table('ingress')).toEqual({
      ...Object.fromEntries(
        serviceNames.map((service) => [
          `topic:literal:${serviceTopics(service).main}`,
          ['Describe', 'Write'],
        ]),
      ),
      [`topic:literal:${unmappedTopic}`]: ['Describe', 'Write'],
    });
  });

  it('lets the replay role read the DLQs, write main and retry topics, and only its own throwaway groups', () => {
    const replay = table('replay');
    for (const service of serviceNames) {
      const topics = serviceTopics(service);
      expect(replay[`topic:literal:${topics.dlq}`]).toEqual(['Describe', 'Read']);
      expect(replay[`topic:literal:${topics.main}`]).toEqual(['Describe', 'Write']);
      for (const tier of topics.retryTiers) {
        expect(replay[`topic:literal:${tier.topic}`]).toEqual(['Describe', 'Write']);
      }
      expect(replay[`group:literal:${topics.consumerGroup}`]).toBeUndefined();
    }
    // `inlet unmapped list|show|replay` reads the unmapped topic; it never writes it.
    expect(replay[`topic:literal:${unmappedTopic}`]).toEqual(['Describe', 'Read']);
    // Read to consume through the group, Delete to remove it afterwards; never a service's group.
    expect(replay[`group:prefix:${dlqReaderGroupPrefix}`]).toEqual(['Delete', 'Read']);
    expect(serviceNames.some((service) => `inlet-${service}`.startsWith(dlqReaderGroupPrefix))).toBe(false);
    const groups = Object.keys(replay).filter((key) => key.startsWith('group:'));
    expect(groups).toHaveLength(1);
  });

  it('names one Kafka user per principal', () => {
    expect(principals.map(kafkaUserName)).toEqual([
      'inlet-ingress',
      'inlet-grades',
      'inlet-membership',
      'inlet-content',
      'inlet-payments',
      'inlet-media',
      'inlet-replay',
    ]);
  });
});
