import { UsageError } from './errors.js';
import { parseTime } from './filters.js';
import type { UnmappedRecord } from './unmapped-record.js';

/** The filters `inlet unmapped list` and `replay` share: list with the same filters shows what replay takes. */
export interface UnmappedFilters {
  sources: string[];
  /** The sender's event names; `*` matches any run of characters (customer.*). */
  eventNames: RegExp[];
  eventIds: string[];
  /** Received at or after (epoch ms). */
  since: number | undefined;
  /** Received before (epoch ms). */
  until: number | undefined;
}

export const unmappedFilterOptions = {
  source: { type: 'string', multiple: true },
  'event-name': { type: 'string', multiple: true },
  'event-id': { type: 'string', multiple: true },
  since: { type: 'string' },
  until: { type: 'string' },
} as const;

export interface UnmappedFilterValues {
  source?: string[] | undefined;
  'event-name'?: string[] | undefined;
  'event-id'?: string[] | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

export function parseUnmappedFilters(
  values: UnmappedFilterValues,
  command: string,
  now: number,
): UnmappedFilters {
  const list = (raw: string[] | undefined) =>
    (raw ?? [])
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter(Boolean);
  const filters: UnmappedFilters = {
    sources: list(values.source),
    eventNames: list(values['event-name']).map(namePattern),
    eventIds: list(values['event-id']),
    since: values.since === undefined ? undefined : parseTime(values.since, 'since', command, now),
    until: values.until === undefined ? undefined : parseTime(values.until, 'until', command, now),
  };
  if (filters.since !== undefined && filters.until !== undefined && filters.since >= filters.until) {
    throw new UsageError('--since must be before --until', command);
  }
  return filters;
}

export function matchesUnmappedFilters(record: UnmappedRecord, filters: UnmappedFilters): boolean {
  if (filters.sources.length > 0 && !filters.sources.includes(record.source ?? '')) return false;
  const name = record.webhook?.sourceEventName ?? '';
  if (filters.eventNames.length > 0 && !filters.eventNames.some((pattern) => pattern.test(name)))
    return false;
  if (filters.eventIds.length > 0 && !filters.eventIds.includes(record.eventId ?? '')) return false;
  if (filters.since !== undefined && record.receivedAt < filters.since) return false;
  if (filters.until !== undefined && record.receivedAt >= filters.until) return false;
  return true;
}

function namePattern(name: string): RegExp {
  const escaped = name.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}
