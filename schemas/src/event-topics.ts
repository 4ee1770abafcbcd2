import { serviceNames, serviceTopics } from '@inlet/topics';
import { eventTypes, type EventType } from './events.js';

/** The domain topic an event type is produced to: inlet.<service>.v1. */
export function topicOfEventType(type: EventType): string {
  return serviceTopics(eventTypes[type].service).main;
}

// A message keeps its value when it moves to a retry tier or the DLQ, so those topics read with the schema of
// the service's main topic.
const mainTopicByTopic = new Map<string, string>(
  serviceNames.flatMap((service) => {
    const topics = serviceTopics(service);
    return [topics.main, topics.dlq, ...topics.retryTiers.map((tier) => tier.topic)].map(
      (topic) => [topic, topics.main] as const,
    );
  }),
);

/** The main topic whose schema a topic's values use (itself, or the main topic of a retry tier or DLQ). */
export function mainTopicOf(topic: string): string | undefined {
  return mainTopicByTopic.get(topic);
}
