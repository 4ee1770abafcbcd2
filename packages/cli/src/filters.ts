import type { DeadLetter } from './dead-letter.js';
import { UsageError } from './errors.js';

/** The filters list, show and replay share, so `list` with the same filters shows exactly what replay takes. */
export interface DlqFilters {
  /** Event types; `*` matches any run of characters (grade.*). */
  types: RegExp[];
  /** inlet-error-class values, compared without regard to case. */
  errorClasses: string[];
  eventIds: string[];
  /** Dead-lettered at or after (epoch ms). */
  since: number | undefined;
  /** Dead-lettered before (epoch ms). */
  until: number | undefined;
}

/** parseArgs options of the filters. */
export const filterOptions = {
  type: { type: 'string', multiple: true },
  'error-class': { type: 'string', multiple: true },
  'event-id': { type: 'string', multiple: true },
  since: { type: 'string' },
  until: { type: 'string' },
} as const;

export interface FilterValues {
  type?: string[] | undefined;
  'error-class'?: string[] | undefined;
  'event-id'?: string[] | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

export function parseFilters(values: FilterValues, command: string, now: number): DlqFilters {
  const list = (raw: string[] | undefined) =>
    (raw ?? [])
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter(Boolean);
  const filters: DlqFilters = {
    types: list(values.type).map(typePattern),
    errorClasses: list(values['error-class']).map((value) => value.toLowerCase()),
    eventIds: list(values['event-id']),
    since: values.since === undefined ? undefined : parseTime(values.since, 'since', command, now),
    until: values.until === undefined ? undefined : parseTime(values.until, 'until', command, now),
  };
  if (filters.since !== undefined && filters.until !== undefined && filters.since >= filters.until) {
    throw new UsageError('--since must be before --until', command);
  }
  return filters;
}

export function matchesFilters(letter: DeadLetter, filters: DlqFilters): boolean {
  if (filters.types.length > 0 && !filters.types.some((pattern) => pattern.test(letter.type ?? '')))
    return false;
  if (
    filters.errorClasses.length > 0 &&
    !filters.errorClasses.includes((letter.errorClass ?? '').toLowerCase())
  ) {
    return false;
  }
  if (filters.eventIds.length > 0 && !filters.eventIds.includes(letter.eventId ?? '')) return false;
  if (filters.since !== undefined && letter.deadLetteredAt < filters.since) return false;
  if (filters.until !== undefined && letter.deadLetteredAt >= filters.until) return false;
  return true;
}

function typePattern(type: string): RegExp {
  const escaped = type.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}

const units: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** An RFC 3339 time (2026-11-01T00:00:00Z, or a date: midnight UTC), or an age: 30m, 12h, 7d ago. */
export function parseTime(text: string, name: string, command: string, now: number): number {
  const age = /^(\d+)([smhd])$/.exec(text.trim());
  if (age) return now - Number(age[1]) * units[age[2]!]!;
  const time = /^\d{4}-\d{2}-\d{2}([Tt ][\d:.]+([Zz]|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())
    ? Date.parse(text.trim())
    : Number.NaN;
  if (Number.isNaN(time)) {
    throw new UsageError(
      `--${name} ${text}: expected a time like 2026-11-01T00:00:00Z or an age like 30m, 12h, 7d`,
      command,
    );
  }
  return time;
}
