import { defaultRetryPolicy, retryDelays, type RetryPolicy } from './retry-policy.js';

/**
 * The single declaration of Inlet's Kafka topics. `inlet-topics apply` creates them locally and in CI;
 * `inlet-topics render strimzi` turns each service's share into Strimzi KafkaTopic resources for its
 * Kubernetes unit; and the consumer runtime reads its retry tiers from here, so a tier can never exist in code
 * without its topic. Every topic belongs to the one consumer service that reads it (permissions.ts), except the unmapped topic,
 * which belongs to the ingress that writes it.
 */

export type ServiceName = 'grades' | 'membership' | 'content' | 'payments' | 'media';

export const serviceNames: readonly ServiceName[] = ['grades', 'membership', 'content', 'payments', 'media'];

export interface TopicSpec {
  name: string;
  partitions: number;
  /** Topic-level configuration, as Kafka names it. */
  config: Record<string, string>;
}

/** What a declared topic is for, in the unit that owns it. */
export type TopicRole = 'main' | 'retry' | 'dlq' | 'unmapped';

/** Who owns a topic: a consumer service, or the ingress (the unmapped topic). */
export type TopicOwner = ServiceName | 'ingress';

/** A declared topic with the unit that owns it: what `apply --service` and the Strimzi rendering work on. */
export interface OwnedTopicSpec extends TopicSpec {
  owner: TopicOwner;
  role: TopicRole;
}

/**
 * Authentic webhooks the ingress could not map to a canonical event (an event name no mapping knows yet). The
 * ingress writes them here instead of refusing them, so the sender stops retrying; `inlet unmapped replay` sends
 * them to their real topic once a mapping exists. No service consumes it: only the operator's replay reads it.
 */
export const unmappedTopic = 'inlet.unmapped.v1';

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
// error's stack, a record exceeds Kafka's ~1 MB default, so every Inlet topic accepts 4 MiB records. It bounds
// a whole record batch, not one record: producers keep each request under it (kafka-runtime's BatchingProducer).
export const topicMaxMessageBytes = 4 * 1024 * 1024;
const maxMessageBytes = String(topicMaxMessageBytes);

const retryPolicies: Partial<Record<ServiceName, RetryPolicy>> = {
  // Every service uses the default ladder today; a service that needs another declares it here.
};

/**
 * The group of the consumer that reads every retry tier of a service (`<group>-retry`): separate from the main
 * group, so retries waiting for their time never hold up the main topic. One definition, read by the consumer
 * runtime and by the ACLs.
 */
export function retryConsumerGroup(consumerGroup: string): string {
  return `${consumerGroup}-retry`;
}

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

/** Every topic Inlet needs, with partitions, retention and cleanup policy, and the service that owns it. */
export function declaredTopics({ replicationFactor }: DeclarationOptions): OwnedTopicSpec[] {
  // acks=all only protects against a broker loss when at least two replicas must acknowledge.
  const minInsync = String(replicationFactor >= 3 ? 2 : 1);
  const common = {
    'cleanup.policy': 'delete',
    'min.insync.replicas': minInsync,
    'max.message.bytes': maxMessageBytes,
  };
  const services = serviceNames.flatMap((owner): OwnedTopicSpec[] => {
    const topics = serviceTopics(owner);
    return [
      {
        owner,
        role: 'main',
        name: topics.main,
        partitions: 6,
        config: { ...common, 'retention.ms': String(7 * day) },
      },
      ...topics.retryTiers.map((tier): OwnedTopicSpec => ({
        owner,
        role: 'retry',
        name: tier.topic,
        partitions: 3,
        config: { ...common, 'retention.ms': String(7 * day) },
      })),
      // Dead letters wait for a person: keep them long enough to be looked at and replayed.
      {
        owner,
        role: 'dlq',
        name: topics.dlq,
        partitions: 3,
        config: { ...common, 'retention.ms': String(30 * day) },
      },
    ];
  });
  return [
    ...services,
    // Like dead letters, unmapped events wait for a person (and a new mapping): 30 days. Keyed by source.
    {
      owner: 'ingress',
      role: 'unmapped',
      name: unmappedTopic,
      partitions: 3,
      config: { ...common, 'retention.ms': String(30 * day) },
    },
  ];
}

/**
 * The declared topics one unit owns: a consumer service's main topic, retry tiers and DLQ; the ingress's
 * unmapped topic.
 */
export function topicsOwnedBy(owner: TopicOwner, options: DeclarationOptions): OwnedTopicSpec[] {
  return declaredTopics(options).filter((spec) => spec.owner === owner);
}

export function replicationFactorFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.KAFKA_REPLICATION_FACTOR ?? '1';
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`KAFKA_REPLICATION_FACTOR must be a whole number of at least 1, got "${raw}"`);
  }
  return value;
}
