import type { EventDataByType, EventType } from '@inlet/schemas';
import { invalidEvent } from './errors.js';
import type { JsonObject, NormalizedEvent } from './types.js';

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Native senders send ids as strings or numbers (Moodle both); canonical ids are always strings. */
export function idString(value: string | number): string {
  return String(value);
}

export function optionalId(value: string | number | null | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

export function isPresent<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

export function orNull<T>(value: T | null | undefined): T | null {
  return value === undefined ? null : value;
}

/**
 * How deep a free-form object (metadata, configuration) may nest objects and arrays, itself counted as the
 * first level. Far beyond what any sender needs, and far below the ~10,000 levels at which JSON.stringify
 * throws a RangeError (which would otherwise turn an authenticated but hostile body into a 500).
 */
export const maxFreeFormDepth = 64;

/**
 * Whether objects and arrays in `value` nest deeper than `limit` levels. An explicit stack rather than
 * recursion, so no body can overflow the call stack; each container is visited once, and the walk stops at the
 * first one past the limit.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: { container: object; depth: number }[] = [];
  if (typeof value === 'object' && value !== null) pending.push({ container: value, depth: 1 });
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.depth > limit) return true;
    for (const child of Object.values(next.container)) {
      if (typeof child === 'object' && child !== null)
        pending.push({ container: child, depth: next.depth + 1 });
    }
  }
  return false;
}

/**
 * Free-form objects travel as JSON text. `field` is where the object sits in the sender's payload (a JSON
 * pointer): one nested deeper than maxFreeFormDepth is refused there with 422 INLET_INVALID_EVENT.
 */
export function jsonText(value: object, field: string): string {
  if (nestsDeeperThan(value, maxFreeFormDepth)) {
    throw invalidEvent(
      `${field} must not nest objects and arrays deeper than ${maxFreeFormDepth} levels`,
      field,
    );
  }
  return JSON.stringify(value);
}

/** As jsonText; an absent object stays null. */
export function jsonTextOrNull(value: object | null | undefined, field: string): string | null {
  return value === null || value === undefined ? null : jsonText(value, field);
}

/** Only for strings the schema already checked as RFC 3339 date-times, so Date.parse cannot misread them. */
export function isoToEpochMs(value: string): number {
  const ms = Date.parse(value);
  if (!Number.isNaN(ms)) return ms;
  // RFC 3339 allows a leap second (23:59:60), which Date cannot hold; it is counted as the second after :59.
  return Date.parse(value.replace(/:60(?=[.,zZ+-])/, ':59')) + 1000;
}

export function optionalIsoToEpochMs(value: string | null | undefined): number | null {
  return value === null || value === undefined ? null : isoToEpochMs(value);
}

/**
 * Canvas writes event_time as ISO 8601 ("2019-11-01T19:11:05.222Z") but some events carry Ruby's Time#to_s form
 * ("2019-11-05 07:38:00 -0800"). Both are rewritten to RFC 3339 before parsing, because Date.parse on arbitrary
 * strings is lenient to the point of reading "1" as the year 2001.
 */
const canvasTimePattern =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?:(Z)|\s?([+-])(\d{2}):?(\d{2}))$/;

export function canvasTimeToEpochMs(value: string): number | null {
  const match = canvasTimePattern.exec(value);
  if (!match) return null;
  const [, date, time, zulu, sign, hours, minutes] = match;
  const zone = zulu ? 'Z' : `${sign}${hours}:${minutes}`;
  const ms = Date.parse(`${date}T${time}${zone}`);
  return Number.isNaN(ms) ? null : ms;
}

/** The latest instant a Date (and so an event's occurredAt) can hold: 275760-09-13. */
const latestMs = 8.64e15;

/**
 * Moodle's timecreated is epoch SECONDS, as a number or a numeric string. The schema bounds the number but not
 * the string's digits, so a time no Date can hold is refused here (422 naming the field), not at Avro encoding.
 */
export function epochSecondsToMs(value: number | string): number {
  const ms = Number(value) * 1000;
  if (Number.isSafeInteger(ms) && ms <= latestMs) return ms;
  throw invalidEvent('/timecreated must be epoch seconds within the range of a date', '/timecreated');
}

/** Moodle reads decimals from its database as strings ("85.00000"); the schema allows only numeric ones. */
export function numberOrNull(value: number | string | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

export function normalizedEvent<T extends EventType>(
  type: T,
  data: EventDataByType[T],
  meta: Omit<NormalizedEvent<T>, 'type' | 'data'>,
): NormalizedEvent<T> {
  return { type, data, ...meta };
}
