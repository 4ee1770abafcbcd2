// How each service's release unit scales: consumers on their groups' lag with KEDA, the ingress on CPU.
import {
  declaredTopics,
  retryConsumerGroup,
  serviceNames,
  serviceTopics,
  type ServiceName,
} from '@inlet/topics';
import { describe, expect, it } from 'vitest';
import { find, mountedFile, ofKind, releaseUnit } from './support/k8s.js';
import { unitFixture, unitVariants } from './support/release-unit-fixture.js';
import { serviceFolders } from './support/services.js';

const isConsumer = (name: string): name is ServiceName => (serviceNames as readonly string[]).includes(name);

/** The main topic's partitions: the most replicas that can share the service's consumer group. */
function mainPartitions(service: ServiceName): number {
  const main = serviceTopics(service).main;
  const topic = declaredTopics({ replicationFactor: 3 }).find((t) => t.name === main);
  if (!topic) throw new Error(`packages/topics declares no topic ${main}`);
  return topic.partitions;
}

/** KEDA's kafka scaler names the SASL mechanisms with underscores (scram_sha512 for scram-sha-512). */
const kedaSasl = (mechanism: string | undefined) => mechanism?.replace(/-/g, '_').replace('_sha_', '_sha');

interface Trigger {
  type: string;
  name?: string;
  metadata: Record<string, string | undefined>;
  authenticationRef?: { name: string };
}

describe.each(serviceFolders().map((service) => [service.name] as const))('%s', (name) => {
  describe.each(unitVariants(releaseUnit(name)))('%s', (variant, folder) => {
    const { objects, deployment, container, env, kafkaUser } = unitFixture(name, folder);

    if (isConsumer(name)) {
      it('scales on its groups’ lag with KEDA: main and retry topics, 1 to the main topic’s partitions', () => {
        expect(deployment().spec.replicas, 'a fixed `replicas` would fight the autoscaler').toBeUndefined();
        expect(ofKind(objects(), 'HorizontalPodAutoscaler'), 'KEDA makes the HPA').toEqual([]);
        const scaled = ofKind(objects(), 'ScaledObject');
        expect(scaled).toHaveLength(1);
        const spec = scaled[0]!.spec;
        expect(spec.scaleTargetRef.name).toBe(name);
        expect(spec.scaleTargetRef.kind ?? 'Deployment').toBe('Deployment');
        expect(spec.minReplicaCount).toBe(1);
        const partitions = mainPartitions(name);
        if (variant === 'staging') {
          expect(spec.maxReplicaCount).toBeGreaterThanOrEqual(1);
          expect(spec.maxReplicaCount).toBeLessThanOrEqual(partitions);
        } else {
          expect(spec.maxReplicaCount).toBe(partitions);
        }
        const triggers = spec.triggers as Trigger[];
        for (const trigger of triggers) expect(trigger.type).toBe('kafka');
        const watched = triggers.map((t) => `${t.metadata.consumerGroup} ${t.metadata.topic}`).sort();
        const topics = serviceTopics(name);
        const expected = [
          `${topics.consumerGroup} ${topics.main}`,
          ...topics.retryTiers.map((tier) => `${retryConsumerGroup(topics.consumerGroup)} ${tier.topic}`),
        ].sort();
        expect(watched).toEqual(expected);
      });

      it('reaches Kafka from KEDA with the same brokers, user, password and CA as its pods', () => {
        const triggers = ofKind(objects(), 'ScaledObject')[0]!.spec.triggers as Trigger[];
        const user = kafkaUser();
        const ca = mountedFile(deployment(), container(), env().KAFKA_SSL_CA_FILE ?? '');
        const tls = ['ssl', 'sasl_ssl'].includes(env().KAFKA_SECURITY_PROTOCOL ?? '') ? 'enable' : 'disable';
        for (const trigger of triggers) {
          const label = `trigger ${trigger.name ?? trigger.metadata.topic}`;
          const from = trigger.metadata.bootstrapServersFromEnv;
          expect(from ? env()[from] : trigger.metadata.bootstrapServers, label).toBe(env().KAFKA_BROKERS);
          expect(trigger.metadata.sasl, label).toBe(kedaSasl(env().KAFKA_SASL_MECHANISM));
          expect(trigger.metadata.tls ?? 'disable', label).toBe(tls);
          const auth = find(objects(), 'TriggerAuthentication', trigger.authenticationRef?.name ?? '');
          expect(auth, `${label}: its TriggerAuthentication is not in the unit`).toBeDefined();
          const params = new Map<string, string>();
          for (const e of (auth!.spec.env ?? []) as {
            parameter: string;
            name: string;
            containerName?: string;
          }[]) {
            expect(e.containerName ?? name).toBe(name);
            params.set(e.parameter, `env ${e.name}`);
          }
          for (const s of (auth!.spec.secretTargetRef ?? []) as {
            parameter: string;
            name: string;
            key: string;
          }[]) {
            params.set(s.parameter, `secret ${s.name} ${s.key}`);
          }
          expect(params.get('username')).toBe('env KAFKA_SASL_USERNAME');
          expect(params.get('password')).toBe(`secret ${user.metadata.name} password`);
          expect(params.get('ca')).toBe(`secret ${ca!.name} ${ca!.key}`);
        }
      });
    } else {
      it('scales on CPU with a HorizontalPodAutoscaler that owns its replica count', () => {
        expect(deployment().spec.replicas).toBeUndefined();
        expect(ofKind(objects(), 'ScaledObject')).toEqual([]);
        const hpas = ofKind(objects(), 'HorizontalPodAutoscaler');
        expect(hpas).toHaveLength(1);
        const spec = hpas[0]!.spec;
        expect(hpas[0]!.apiVersion).toBe('autoscaling/v2');
        expect(spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
        expect(spec.minReplicas).toBeGreaterThanOrEqual(variant === 'staging' ? 1 : 2);
        expect(spec.maxReplicas).toBeGreaterThan(spec.minReplicas);
        expect(spec.metrics.map((m: { resource?: { name: string } }) => m.resource?.name)).toEqual(['cpu']);
      });
    }
  });
});
