import type { Kafka } from 'kafkajs';
import { serviceNames, serviceTopics, unmappedTopic } from '@inlet/topics';

/**
 * Every topic the ingress produces to must exist: a missing one would turn each of its webhooks into a 503, so
 * the ingress refuses to start instead, and says which topics to create.
 */
export async function requireIngressTopics(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...serviceNames.map((service) => serviceTopics(service).main), unmappedTopic].filter(
      (topic) => !existing.has(topic),
    );
    if (missing.length > 0) {
      throw new Error(
        `Kafka topics missing: ${missing.join(', ')}. Create them with: npm run topics -- apply`,
      );
    }
  } finally {
    await admin.disconnect();
  }
}
