import type { EventDataByType, EventType } from '@inlet/schemas';
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

/** Free-form objects travel as JSON text; an absent object stays null. */
export function jsonTextOrNull(value: object | null | undefined): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
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

/** Moodle's timecreated is epoch SECONDS, as a number or a numeric string. */
export function epochSecondsToMs(value: number | string): number {
  return Number(value) * 1000;
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
