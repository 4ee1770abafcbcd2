import { Partitioners, type Kafka, type Message } from 'kafkajs';
import {
  EmbeddedRegistry,
  createEventCodec,
  eventHeaders,
  partitionKey,
  type InletEvent,
} from '@inlet/schemas';
import type { Random } from './consumer-random.js';

/** What goes on the topic, in order: every event once, and some of them again further on. */
export interface TopicContent {
  records: InletEvent[];
  distinct: number;
  redeliveries: number;
}

/**
 * Adds `share` × events redeliveries: a producer retry or a sender's re-sent webhook puts the SAME record (same
 * event id, same bytes) on the topic again. Each copy lands at a random place after its original; it has the
 * original's key, so it follows it on the same partition, as a real redelivery does.
 */
export function withRedeliveries(events: InletEvent[], share: number, random: Random): TopicContent {
  const count = Math.min(events.length, Math.round(events.length * share));
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(random.int(events.length));
  const placed = events.map((event, index) => ({ event, at: index }));
  for (const index of chosen) {
    placed.push({ event: events[index]!, at: index + 0.5 + random.next() * (events.length - index) });
  }
  placed.sort((a, b) => a.at - b.at);
  return { records: placed.map((item) => item.event), distinct: events.length, redeliveries: count };
}

/**
 * Produces the records as the ingress does: the value Avro-encoded by the real codec (Confluent framing, the
 * schema id of the embedded registry, which the service's codec uses too), the key partitionKey(event), the
 * three inlet-* headers, acks=all from an idempotent producer with the Java client's partitioner.
 */
export async function produceRecords(kafka: Kafka, topic: string, content: TopicContent): Promise<void> {
  const codec = createEventCodec({ registry: new EmbeddedRegistry() });
  const encoded = new Map<string, Buffer>();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    const chunk = 1_000;
    for (let start = 0; start < content.records.length; start += chunk) {
      const messages: Message[] = [];
      for (const event of content.records.slice(start, start + chunk)) {
        let value = encoded.get(event.eventId);
        if (!value) {
          value = (await codec.encode(event)).value;
          encoded.set(event.eventId, value);
        }
        messages.push({
          key: partitionKey(event),
          value,
          headers: {
            [eventHeaders.eventId]: event.eventId,
            [eventHeaders.eventType]: event.type,
            [eventHeaders.source]: event.source,
          },
        });
      }
      // One request at a time, in order: a copy must never overtake its original.
      await producer.send({ topic, acks: -1, messages });
    }
  } finally {
    await producer.disconnect();
  }
}
