import { defaultRetryPolicy, retryDelays, type RetryPolicy } from './retry-policy.js';

/**
 * The single declaration of Inlet's Kafka topics. `inlet-topics apply` creates them locally, in CI and in
 * Kubernetes (a Job runs the same command), and the consumer runtime reads its retry tiers from here, so
 * a tier can never exist in code without its topic.
 */

export type ServiceName = 'grades' | 'membership' | 'content' | 'payments' | 'media';

export const serviceNames: readonly ServiceName[] = ['grades', 'membership', 'content', 'payments', 'media'];

export interface TopicSpec {
  name: string;
  partitions: number;
  /** Topic-level configuration, as Kafka names it. */
  config: Record<string, string>;
}

export interface RetryTier {
  topic: string;
  delayMs: number;
}

export interface ServiceTopics {
  service: ServiceName;
  /** The domain topic the service consumes; the ingress produces to it. */
  main: string;
  consumerGroup: string;
  retryPolicy: RetryPolicy;
  /** In order: a message that fails on the main topic goes to tier 0, then tier 1, ... */
  retryTiers: RetryTier[];
  dlq: string;
}

const day = 24 * 60 * 60 * 1000;

// A webhook body may be 1 MiB (the ingress limit); with Avro framing and headers, and in the DLQ with the
// error's stack, a record exceeds Kafka's ~1 MB default, so every Inlet topic accepts 4 MiB records.
const maxMessageBytes = String(4 * 1024 * 1024);

const retryPolicies: Partial<Record<ServiceName, RetryPolicy>> = {
  // Every service uses the default ladder today; a service that needs another declares it here.
};

export function serviceTopics(service: ServiceName): ServiceTopics {
  const retryPolicy = retryPolicies[service] ?? defaultRetryPolicy;
  const delays = [...new Set(retryDelays(retryPolicy))];
  return {
    service,
    main: `inlet.${service}.v1`,
    consumerGroup: `inlet-${service}`,
    retryPolicy,
    retryTiers: delays.map((delayMs) => ({ topic: `${service}.retry.${delayMs}`, delayMs })),
    dlq: `${service}.dlq`,
  };
}

export interface DeclarationOptions {
  /** 1 on a single local broker; 3 in production (env KAFKA_REPLICATION_FACTOR). */
  replicationFactor: number;
}

/** Every topic Inlet needs, with partitions, retention and cleanup policy. */
export function declaredTopics({ replicationFactor }: DeclarationOptions): TopicSpec[] {
  // acks=all only protects against a broker loss when at least two replicas must acknowledge.
  const minInsync = String(replicationFactor >= 3 ? 2 : 1);
  const common = {
    'cleanup.policy': 'delete',
    'min.insync.replicas': minInsync,
    'max.message.bytes': maxMessageBytes,
  };
  return serviceNames.flatMap((service) => {
    const topics = serviceTopics(service);
    return [
      { name: topics.main, partitions: 6, config: { ...common, 'retention.ms': String(7 * day) } },
      ...topics.retryTiers.map((tier) => ({
        name: tier.topic,
        partitions: 3,
        config: { ...common, 'retention.ms': String(7 * day) },
      })),
      // Dead letters wait for a person: keep them long enough to be looked at and replayed.
      { name: topics.dlq, partitions: 3, config: { ...common, 'retention.ms': String(30 * day) } },
    ];
  });
}

export function replicationFactorFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.KAFKA_REPLICATION_FACTOR ?? '1';
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`KAFKA_REPLICATION_FACTOR must be a whole number of at least 1, got "${raw}"`);
  }
  return value;
}
