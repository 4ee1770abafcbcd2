import { serviceNames, serviceTopics, type ServiceName } from '@inlet/topics';
import { UsageError } from './errors.js';

/** The topics a DLQ command works on: the service's declared ones, or the overrides of tests and operators. */
export interface DlqTarget {
  service: ServiceName;
  dlq: string;
  main: string;
  /** The first retry tier: a replay with --to retry lands there. */
  firstRetry: string | undefined;
  /** The declared DLQ topic: its name picks the Avro reader schema even when reading an override topic. */
  schemaTopic: string;
}

export interface TopicOverrides {
  'dlq-topic'?: string | undefined;
  'main-topic'?: string | undefined;
  'retry-topic'?: string | undefined;
}

/** parseArgs options of the overrides; shown under "For tests and operations" in --help. */
export const topicOverrideOptions = {
  'dlq-topic': { type: 'string' },
  'main-topic': { type: 'string' },
  'retry-topic': { type: 'string' },
} as const;

export function dlqTarget(service: string, overrides: TopicOverrides, command: string): DlqTarget {
  if (!(serviceNames as readonly string[]).includes(service)) {
    throw new UsageError(`unknown service "${service}": one of ${serviceNames.join(', ')}`, command);
  }
  const topics = serviceTopics(service as ServiceName);
  return {
    service: topics.service,
    dlq: overrides['dlq-topic'] ?? topics.dlq,
    main: overrides['main-topic'] ?? topics.main,
    firstRetry: overrides['retry-topic'] ?? topics.retryTiers[0]?.topic,
    schemaTopic: topics.dlq,
  };
}
