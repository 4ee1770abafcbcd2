import { unmappedTopic } from '@inlet/topics';
import type { Kafka } from 'kafkajs';
import { positiveInteger } from './args.js';
import { readTopicToEnd } from './dlq-reader.js';
import type { CliIo } from './io.js';
import { matchesUnmappedFilters, unmappedFilterOptions, type UnmappedFilters } from './unmapped-filters.js';
import {
  byReceivedAt,
  toUnmappedRecord,
  unmappedCodecFromEnv,
  type UnmappedRecord,
} from './unmapped-record.js';

/** The options every unmapped subcommand takes besides its own. */
export const unmappedCommonOptions = {
  ...unmappedFilterOptions,
  'unmapped-topic': { type: 'string' },
  timeout: { type: 'string' },
} as const;

export interface UnmappedReadOptions {
  topic: string;
  timeoutMs: number;
}

export function unmappedReadOptions(
  values: { 'unmapped-topic'?: string | undefined; timeout?: string | undefined },
  command: string,
): UnmappedReadOptions {
  return {
    topic: values['unmapped-topic'] ?? unmappedTopic,
    timeoutMs: positiveInteger(values.timeout, 'timeout', command, 60)! * 1000,
  };
}

/**
 * Every record of the unmapped topic as it is now, decoded, oldest first; read like a DLQ (from the beginning to
 * the current end, with a throwaway group that commits nothing).
 */
export async function loadUnmapped(
  kafka: Kafka,
  io: CliIo,
  options: UnmappedReadOptions,
): Promise<UnmappedRecord[]> {
  const codec = unmappedCodecFromEnv(io.env);
  const raw = await readTopicToEnd(kafka, options.topic, { timeoutMs: options.timeoutMs });
  const records: UnmappedRecord[] = [];
  for (const record of raw) records.push(await toUnmappedRecord(record, codec));
  return records.sort(byReceivedAt);
}

export function selectUnmapped(
  records: readonly UnmappedRecord[],
  filters: UnmappedFilters,
  limit: number | undefined,
): { selected: UnmappedRecord[]; matching: number } {
  const matching = records.filter((record) => matchesUnmappedFilters(record, filters));
  return { selected: limit === undefined ? matching : matching.slice(0, limit), matching: matching.length };
}
