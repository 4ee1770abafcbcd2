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
