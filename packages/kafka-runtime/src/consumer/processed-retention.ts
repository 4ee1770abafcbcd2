import { topicsOwnedBy, type ServiceName } from '@inlet/topics';
import { ConsumerError } from './consumer-errors.js';

/** The variable that sets, per service, how many days a processed event id is kept. */
export const processedRetentionVariable = 'PROCESSED_EVENTS_RETENTION_DAYS';

const dayMs = 24 * 60 * 60 * 1000;

export interface TopicRetention {
  topic: string;
  retentionMs: number;
}

/** Retention does not depend on the replication factor; any value gives the declared topics. */
function declaredTopicsOf(service: ServiceName) {
  return topicsOwnedBy(service, { replicationFactor: 1 }).map((spec) => ({
    role: spec.role,
    topic: spec.name,
    retentionMs: Number(spec.config['retention.ms']),
  }));
}

function longest(topics: TopicRetention[]): TopicRetention {
  return topics.reduce((best, topic) => (topic.retentionMs > best.retentionMs ? topic : best));
}

/**
 * The longest retention among the topics a service's consumer reads: its main topic, its retry tiers and its
 * DLQ. The DLQ is what gets replayed, and it keeps records the longest (30 days against 7).
 */
export function longestTopicRetention(service: ServiceName): TopicRetention {
  return longest(declaredTopicsOf(service));
}

/**
 * How long a replayed record may still be delivered after the replay: `inlet dlq replay` produces it to the
 * main topic or the first retry tier, which keep it (and may redeliver it after a crash or an offset reset)
 * for their retention.
 */
export function replayWindowMs(service: ServiceName): number {
  const replayTargets = declaredTopicsOf(service).filter((topic) => topic.role !== 'dlq');
  return longest(replayTargets).retentionMs;
}

/**
 * Days a processed id is kept unless configured: a dead letter may be replayed until the DLQ drops it, and the
 * replayed copy may be delivered again until its own topic drops it; an id forgotten before then would let
 * that delivery apply the event a second time.
 */
export function defaultProcessedRetentionDays(service: ServiceName): number {
  return Math.ceil((longestTopicRetention(service).retentionMs + replayWindowMs(service)) / dayMs);
}

/** The smallest retention a service accepts: anything shorter forgets ids its own topics can still deliver. */
export function minimumProcessedRetentionDays(service: ServiceName): number {
  return Math.ceil(longestTopicRetention(service).retentionMs / dayMs);
}

/**
 * The retention a consumer runs with, in days: the explicit option, else PROCESSED_EVENTS_RETENTION_DAYS, else
 * the default. Throws INLET_CONSUMER_CONFIG_INVALID for a value that is not a whole number of days or is
 * shorter than the longest retention of the service's topics.
 */
export function resolveProcessedRetentionDays(
  service: ServiceName,
  configured: { days?: number | undefined; env?: NodeJS.ProcessEnv | undefined },
): number {
  const raw = configured.days ?? configured.env?.[processedRetentionVariable];
  const fallback = defaultProcessedRetentionDays(service);
  if (raw === undefined || raw === '') return fallback;
  const days = typeof raw === 'number' ? raw : /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  const name = configured.days === undefined ? processedRetentionVariable : 'processedRetentionDays';
  if (!Number.isSafeInteger(days) || days < 1) {
    throw invalid(`${name} must be a whole number of days of at least 1, got "${String(raw)}"`);
  }
  const minimum = minimumProcessedRetentionDays(service);
  if (days < minimum) {
    const { topic } = longestTopicRetention(service);
    throw invalid(
      `${name}=${days} is shorter than the retention of ${topic} (${minimum} days): a replay or redelivery ` +
        `from it could apply an event twice once its id is forgotten. Use at least ${minimum} ` +
        `(the default, ${fallback}, adds the ${Math.ceil(replayWindowMs(service) / dayMs)}-day replay window)`,
    );
  }
  return days;
}

export function daysToMs(days: number): number {
  return days * dayMs;
}

function invalid(message: string): ConsumerError {
  return new ConsumerError('INLET_CONSUMER_CONFIG_INVALID', message, { retryable: false });
}
