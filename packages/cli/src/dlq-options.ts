import { defaultProcessedRetentionDays } from '@inlet/kafka-runtime';
import type { ServiceName } from '@inlet/topics';
import { positiveInteger } from './args.js';
import { topicOverrideOptions } from './dlq-target.js';
import { filterOptions } from './filters.js';

/** The options every dlq subcommand takes: filters, topic overrides and the read timeout. */
export const dlqCommonOptions = {
  ...filterOptions,
  ...topicOverrideOptions,
  timeout: { type: 'string' },
} as const;

/** How long reading the DLQ to its end may take before the command gives up. */
export function readTimeoutMs(value: string | undefined, command: string): number {
  return positiveInteger(value, 'timeout', command, 60)! * 1000;
}

/**
 * How many days the service's consumer keeps processed event ids: the service's PROCESSED_EVENTS_RETENTION_DAYS.
 * Defaults to the runtime's own default for the service, which a service runs with unless that is set.
 */
export function processedRetentionDays(
  value: string | undefined,
  service: ServiceName,
  command: string,
): number {
  return positiveInteger(value, 'processed-retention-days', command, defaultProcessedRetentionDays(service))!;
}
