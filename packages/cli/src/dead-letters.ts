import type { EventCodec } from '@inlet/schemas';
import type { Kafka } from 'kafkajs';
import { byDeadLetterTime, toDeadLetter, type DeadLetter } from './dead-letter.js';
import type { DlqTarget } from './dlq-target.js';
import { readTopicToEnd } from './dlq-reader.js';
import { matchesFilters, type DlqFilters } from './filters.js';

/** Every dead letter of the target's DLQ as it is now, decoded, oldest first. */
export async function loadDeadLetters(
  kafka: Kafka,
  codec: EventCodec,
  target: DlqTarget,
  timeoutMs: number,
): Promise<DeadLetter[]> {
  const records = await readTopicToEnd(kafka, target.dlq, { timeoutMs });
  const letters: DeadLetter[] = [];
  // One at a time: the codec caches each schema after its first lookup, so this is not slower than parallel.
  for (const record of records) letters.push(await toDeadLetter(record, codec, target.schemaTopic));
  return letters.sort(byDeadLetterTime);
}

/** The matching dead letters, oldest first, at most `limit` of them. */
export function selectDeadLetters(
  letters: readonly DeadLetter[],
  filters: DlqFilters,
  limit: number | undefined,
): { selected: DeadLetter[]; matching: number } {
  const matching = letters.filter((letter) => matchesFilters(letter, filters));
  return { selected: limit === undefined ? matching : matching.slice(0, limit), matching: matching.length };
}
