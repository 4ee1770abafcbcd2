import {
  retryConsumerGroup,
  serviceNames,
  serviceTopics,
  unmappedTopic,
  type ServiceName,
} from './declaration.js';

/**
 * Who talks to Kafka, and what each may do there, least privilege. Every Inlet process that connects to Kafka
 * is one of these principals; `render strimzi` turns each into a KafkaUser whose ACLs are exactly `aclsFor`.
 *
 * What the rules rest on (Kafka's authorizer, Kafka >= 3):
 * - Read, Write, Delete and Alter on a topic or group imply Describe; Describe is still listed where the
 *   client's own use of it is the point (metadata, `listTopics`, end offsets), so the rule says why it exists.
 * - A consumer in a group needs Read on the group (join, sync, heartbeat, commit, fetch offsets) and Read on
 *   the topics; starting from the beginning needs ListOffsets, i.e. Describe on the topic.
 * - An idempotent producer (kafkajs `idempotent: true`, as BatchingProducer) needs only Write on the topics it
 *   writes: since KIP-679 a principal allowed to Write to any topic may get a producer id, so no
 *   IdempotentWrite on the cluster.
 * - `admin.listTopics()` (start-up topic checks) answers only the topics the principal may Describe, and
 *   `admin.fetchTopicOffsets()` (DLQ depth, the DLQ reader) is Metadata + ListOffsets: Describe.
 */

/** A consumer service, the ingress, or the CLI's operator role (`inlet dlq ...` and `inlet unmapped ...`). */
export type Principal = 'ingress' | ServiceName | 'replay';

export const principals: readonly Principal[] = ['ingress', ...serviceNames, 'replay'];

export type AclOperation = 'Read' | 'Write' | 'Describe' | 'Delete';

export interface AclRule {
  resource: {
    type: 'topic' | 'group';
    name: string;
    /** literal: exactly this name; prefix: every name that starts with it. */
    patternType: 'literal' | 'prefix';
  };
  operations: AclOperation[];
}

/**
 * The DLQ commands read a topic through a throwaway consumer group of their own (kafkajs cannot assign
 * partitions without one) and delete it afterwards: `<prefix><time>-<random>`. The CLI builds its group names
 * from this, and the replay role may use, and delete, only groups with this prefix.
 */
export const dlqReaderGroupPrefix = 'inlet-cli-reader-';

/** The Kafka user name (SCRAM username, KafkaUser and Secret name) of a principal. */
export function kafkaUserName(principal: Principal): string {
  return `inlet-${principal}`;
}

export function isPrincipal(name: string): name is Principal {
  return (principals as readonly string[]).includes(name);
}

export function isServiceName(name: string): name is ServiceName {
  return (serviceNames as readonly string[]).includes(name);
}

/** The ACLs of one principal, in a stable order (topics in declaration order, then groups). */
export function aclsFor(principal: Principal): AclRule[] {
  if (principal === 'ingress') return ingressAcls();
  if (principal === 'replay') return replayAcls();
  return consumerAcls(principal);
}

const topic = (name: string, operations: AclOperation[]): AclRule => ({
  resource: { type: 'topic', name, patternType: 'literal' },
  operations,
});

/**
 * A consumer service: its main group reads the main topic; its retry group reads the tiers; a failed message
 * is produced to the next tier or the DLQ; the DLQ's end offsets are read for `inlet_consumer_dlq_depth`; the
 * start-up check lists the service's own topics (all Describe-visible through the rules below).
 */
function consumerAcls(service: ServiceName): AclRule[] {
  const topics = serviceTopics(service);
  return [
    topic(topics.main, ['Read', 'Describe']),
    ...topics.retryTiers.map((tier) => topic(tier.topic, ['Read', 'Write', 'Describe'])),
    topic(topics.dlq, ['Write', 'Describe']),
    ...[topics.consumerGroup, retryConsumerGroup(topics.consumerGroup)].map((group): AclRule => ({
      resource: { type: 'group', name: group, patternType: 'literal' },
      operations: ['Read'],
    })),
  ];
}

/**
 * The ingress produces every webhook family to its main topic, and authentic webhooks it cannot map to the
 * unmapped topic; it checks at start that they all exist.
 */
function ingressAcls(): AclRule[] {
  return [
    ...serviceNames.map((service) => topic(serviceTopics(service).main, ['Write', 'Describe'])),
    topic(unmappedTopic, ['Write', 'Describe']),
  ];
}

/**
 * `inlet dlq list|show|replay` and `inlet unmapped list|show|replay`: reads every DLQ and the unmapped topic to
 * its end (end offsets first, then a throwaway group that commits nothing and is deleted afterwards), and
 * replays to a main topic or a retry tier (the first by default; `--retry-topic` may name another tier). It
 * never reads a main or retry topic, and never touches a service's group or offsets.
 */
function replayAcls(): AclRule[] {
  const all = serviceNames.map(serviceTopics);
  return [
    ...all.map((topics) => topic(topics.dlq, ['Read', 'Describe'])),
    topic(unmappedTopic, ['Read', 'Describe']),
    ...all.flatMap((topics) => [
      topic(topics.main, ['Write', 'Describe']),
      ...topics.retryTiers.map((tier) => topic(tier.topic, ['Write', 'Describe'])),
    ]),
    {
      resource: { type: 'group', name: dlqReaderGroupPrefix, patternType: 'prefix' },
      operations: ['Read', 'Delete'],
    },
  ];
}
