import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { KafkaTopic } from '@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1beta2/KafkaTopic';
import { KafkaUser } from '@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1beta2/KafkaUser';
import {
  aclsFor,
  defaultStrimziOptions,
  principals,
  renderStrimzi,
  strimziResources,
  topicsOwnedBy,
} from '../src/index.js';

const parse = (text: string) => parseAllDocuments(text).map((document) => document.toJS() as unknown);

describe('render strimzi', () => {
  it('renders the KafkaTopics a service owns, with the declaration at replication factor 3', () => {
    const resources = strimziResources('payments', defaultStrimziOptions);
    const topics = resources.filter((resource) => resource.kind === 'KafkaTopic');
    const declared = topicsOwnedBy('payments', { replicationFactor: 3 });
    expect(topics).toEqual(
      declared.map((spec) => ({
        apiVersion: 'kafka.strimzi.io/v1beta2',
        kind: 'KafkaTopic',
        metadata: { name: spec.name, namespace: 'inlet', labels: { 'strimzi.io/cluster': 'inlet-kafka' } },
        spec: { topicName: spec.name, partitions: spec.partitions, replicas: 3, config: spec.config },
      })),
    );
    expect(declared[0]?.config['min.insync.replicas']).toBe('2');
  });

  it('renders one SCRAM-SHA-512 KafkaUser with simple authorization and the principal ACLs', () => {
    for (const principal of principals) {
      const users = strimziResources(principal, defaultStrimziOptions).filter(
        (resource) => resource.kind === 'KafkaUser',
      );
      expect(users).toEqual([
        {
          apiVersion: 'kafka.strimzi.io/v1beta2',
          kind: 'KafkaUser',
          metadata: {
            name: `inlet-${principal}`,
            namespace: 'inlet',
            labels: { 'strimzi.io/cluster': 'inlet-kafka' },
          },
          spec: {
            authentication: { type: 'scram-sha-512' },
            authorization: { type: 'simple', acls: aclsFor(principal) },
          },
        },
      ]);
    }
  });

  it('gives the ingress the unmapped topic and the replay user no topic', () => {
    const kinds = (principal: 'ingress' | 'replay') =>
      strimziResources(principal, defaultStrimziOptions).map(
        (resource) => `${String(resource.kind)}/${String((resource.metadata as { name: string }).name)}`,
      );
    expect(kinds('ingress')).toEqual(['KafkaTopic/inlet.unmapped.v1', 'KafkaUser/inlet-ingress']);
    expect(kinds('replay')).toEqual(['KafkaUser/inlet-replay']);
  });

  it('prints YAML that reads back as the same resources and passes the Strimzi CRD schemas', () => {
    for (const principal of principals) {
      const text = renderStrimzi(principal, defaultStrimziOptions);
      const documents = parse(text);
      expect(documents).toEqual(strimziResources(principal, defaultStrimziOptions));
      for (const document of documents as { kind: string }[]) {
        const model =
          document.kind === 'KafkaTopic'
            ? new KafkaTopic(document as ConstructorParameters<typeof KafkaTopic>[0])
            : new KafkaUser(document as ConstructorParameters<typeof KafkaUser>[0]);
        expect(() => model.validate()).not.toThrow();
      }
    }
  });

  it('labels for another cluster and namespace, and says how to regenerate in the header', () => {
    const text = renderStrimzi('grades', { cluster: 'events', namespace: 'learning' });
    expect(text.split('\n')[0]).toContain(
      '`npm run topics -- render strimzi --service grades --cluster events --namespace learning`',
    );
    expect(text).toMatch(/entity operator must watch the learning namespace/);
    for (const document of parse(text) as { metadata: { namespace: string; labels: object } }[]) {
      expect(document.metadata.namespace).toBe('learning');
      expect(document.metadata.labels).toEqual({ 'strimzi.io/cluster': 'events' });
    }
  });
});
