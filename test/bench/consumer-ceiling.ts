import type { Admin, Kafka } from 'kafkajs';

export interface CeilingResult {
  records: number;
  seconds: number;
  perSecond: number;
}

/** A stall (no record for this long) is a broken broker or topic, not a slow one. */
const stallMs = 60_000;

/**
 * How fast this machine can merely read the topic: a kafkajs consumer in a new group of its own, from the
 * beginning, that does nothing with the records but resolve their offsets (and commit them, as kafkajs does
 * after each batch). It fetches like the service's main consumer (the runtime's 1 s max wait, 3 partitions at
 * once), so the ratio to it is the cost of decoding and applying. Timed from its first batch to the last record.
 */
export async function measureCeiling(
  kafka: Kafka,
  admin: Admin,
  topic: string,
  expected: number,
): Promise<CeilingResult> {
  const groupId = `inlet-bench-ceiling-${Date.now()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 1_000, allowAutoTopicCreation: false });
  let seen = 0;
  let firstBatchAt: number | undefined;
  let lastRecordAt = Date.now();
  let finish: (endedAt: number) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const finished = new Promise<number>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  // Awaited only once the consumer runs: a stall reported before that must not count as unhandled.
  finished.catch(() => undefined);
  const watchdog = setInterval(() => {
    if (Date.now() - lastRecordAt > stallMs) {
      fail(
        new Error(
          `the ceiling consumer saw ${seen} of ${expected} records, then none for ${stallMs / 1000} s`,
        ),
      );
    }
  }, 1_000);
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 3,
      eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
        firstBatchAt ??= performance.now();
        for (const message of batch.messages) resolveOffset(message.offset);
        seen += batch.messages.length;
        lastRecordAt = Date.now();
        if (seen >= expected) finish(performance.now());
        await heartbeat();
      },
    });
    const endedAt = await finished;
    const seconds = (endedAt - firstBatchAt!) / 1000;
    return { records: seen, seconds, perSecond: seen / seconds };
  } finally {
    clearInterval(watchdog);
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
}
