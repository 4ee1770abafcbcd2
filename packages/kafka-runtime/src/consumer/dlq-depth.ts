import type { Admin, Kafka } from 'kafkajs';

/** Reads how many records the DLQ topic holds, with one admin connection kept for the scrapes. */
export function createDlqDepthReader(kafka: Kafka, dlq: string) {
  let admin: Admin | undefined;
  return {
    async read(): Promise<number> {
      if (!admin) {
        admin = kafka.admin();
        await admin.connect();
      }
      const offsets = await admin.fetchTopicOffsets(dlq);
      return offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
    },
    async close(): Promise<void> {
      await admin?.disconnect().catch(() => undefined);
      admin = undefined;
    },
  };
}
