import {
  declaredTopics,
  retryConsumerGroup,
  serviceTopics,
  unmappedTopic,
  type OwnedTopicSpec,
  type ServiceName,
} from '@inlet/topics';
import { topicOfEventType } from '../event-topics.js';
import { eventTypes, type EventType } from '../events.js';
import { latestVersion, type SchemaVersionsByTopic } from '../schema-files.js';
import { failedMessageId, unmappedMessageId, type JsonObject } from './messages.js';

/**
 * The channels (one per declared topic) and the operations on them, from the topic declaration: the ingress
 * sends events and unmapped webhooks; each service receives its main topic in its group and its retry tiers in
 * its retry group, and sends failures on to the next tier or its DLQ.
 */

// Partitions and retention as declared for production (replication factor 3).
const declared = new Map(declaredTopics({ replicationFactor: 3 }).map((spec) => [spec.name, spec]));

export const unmappedChannelId = 'unmapped';

export function mainChannelId(service: ServiceName): string {
  return service;
}

export function retryChannelId(service: ServiceName, delayMs: number): string {
  return `${service}.retry.${delayMs}`;
}

export function dlqChannelId(service: ServiceName): string {
  return `${service}.dlq`;
}

export function typesOf(service: ServiceName): EventType[] {
  const { main } = serviceTopics(service);
  return (Object.keys(eventTypes) as EventType[]).filter((type) => topicOfEventType(type) === main);
}

/** Every channel of one service: its main topic, its retry tiers and its DLQ. */
export function serviceChannels(service: ServiceName, versions: SchemaVersionsByTopic): JsonObject {
  const topics = serviceTopics(service);
  const failed = {
    [failedMessageId(service)]: { $ref: `#/components/messages/${failedMessageId(service)}` },
  };
  return {
    [mainChannelId(service)]: channel(topics.main, latestVersion(versions, topics.main).schema.doc ?? '', {
      ...Object.fromEntries(
        typesOf(service).map((type) => [type, { $ref: `#/components/messages/${type}` }]),
      ),
    }),
    ...Object.fromEntries(
      topics.retryTiers.map((tier) => [
        retryChannelId(service, tier.delayMs),
        channel(
          tier.topic,
          `Records of ${topics.main} that failed, waiting ${tier.delayMs} ms before their next attempt.`,
          failed,
        ),
      ]),
    ),
    [dlqChannelId(service)]: channel(
      topics.dlq,
      `Dead letters of ${topics.main}: records whose last retry failed, or that failed permanently ` +
        '(undecodable, invalid, no handler). Read and replayed with `inlet dlq list|show|replay`.',
      failed,
    ),
  };
}

export function unmappedChannel(versions: SchemaVersionsByTopic): JsonObject {
  return {
    [unmappedChannelId]: channel(unmappedTopic, latestVersion(versions, unmappedTopic).schema.doc ?? '', {
      [unmappedMessageId]: { $ref: `#/components/messages/${unmappedMessageId}` },
    }),
  };
}

function channel(topic: string, description: string, messages: JsonObject): JsonObject {
  const spec = declared.get(topic);
  if (!spec) throw new Error(`topic ${topic} is not declared in @inlet/topics`);
  return {
    address: topic,
    title: topic,
    description,
    messages,
    tags: [{ name: spec.owner }],
    bindings: {
      kafka: {
        topic,
        partitions: spec.partitions,
        topicConfiguration: topicConfiguration(spec),
        bindingVersion: '0.5.0',
      },
    },
  };
}

function topicConfiguration(spec: OwnedTopicSpec): JsonObject {
  return {
    'cleanup.policy': (spec.config['cleanup.policy'] ?? 'delete').split(','),
    'retention.ms': Number(spec.config['retention.ms']),
    'max.message.bytes': Number(spec.config['max.message.bytes']),
  };
}

/** The operations on one service's channels. */
export function serviceOperations(service: ServiceName): JsonObject {
  const topics = serviceTopics(service);
  const main = mainChannelId(service);
  const dlq = dlqChannelId(service);
  const group = (id: string) => ({
    kafka: { groupId: { type: 'string', enum: [id] }, bindingVersion: '0.5.0' },
  });
  const failed = (channelId: string) => [
    { $ref: `#/channels/${channelId}/messages/${failedMessageId(service)}` },
  ];
  return {
    [`ingress.sends.${service}`]: {
      action: 'send',
      channel: { $ref: `#/channels/${main}` },
      summary: `The ingress produces every accepted ${service} event, acks=all, before it answers 202.`,
      messages: typesOf(service).map((type) => ({ $ref: `#/channels/${main}/messages/${type}` })),
    },
    [`${service}.receives`]: {
      action: 'receive',
      channel: { $ref: `#/channels/${main}` },
      summary: `The ${service} service consumes its topic.`,
      bindings: group(topics.consumerGroup),
    },
    ...Object.fromEntries(
      topics.retryTiers.flatMap((tier) => {
        const id = retryChannelId(service, tier.delayMs);
        return [
          [
            `${service}.sends.retry.${tier.delayMs}`,
            {
              action: 'send',
              channel: { $ref: `#/channels/${id}` },
              summary: `The ${service} service sends a record here when an attempt fails with a retryable error.`,
              messages: failed(id),
            },
          ],
          [
            `${service}.receives.retry.${tier.delayMs}`,
            {
              action: 'receive',
              channel: { $ref: `#/channels/${id}` },
              summary: `The ${service} service retries each record once its inlet-not-before time has come.`,
              bindings: group(retryConsumerGroup(topics.consumerGroup)),
            },
          ],
        ];
      }),
    ),
    [`${service}.sends.dlq`]: {
      action: 'send',
      channel: { $ref: `#/channels/${dlq}` },
      summary: `The ${service} service dead-letters a record after its last retry, or at once when it fails permanently.`,
      messages: failed(dlq),
    },
  };
}

export function unmappedOperations(): JsonObject {
  return {
    'ingress.sends.unmapped': {
      action: 'send',
      channel: { $ref: `#/channels/${unmappedChannelId}` },
      summary: 'The ingress keeps an authentic webhook whose event name no mapping knows, and answers 202.',
      messages: [{ $ref: `#/channels/${unmappedChannelId}/messages/${unmappedMessageId}` }],
    },
  };
}
