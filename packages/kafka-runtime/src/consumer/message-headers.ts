import type { IHeaders } from 'kafkajs';
import { retryHeaders } from './types.js';

/**
 * Kafka header values as text. Every Inlet header is text (W3C trace context, ids, numbers); a header sent
 * more than once keeps its last value, as a Java consumer's `lastHeader` would.
 */
export function headersAsText(headers: IHeaders | undefined): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) text[name] = Buffer.isBuffer(last) ? last.toString('utf8') : String(last);
  }
  return text;
}

/**
 * The headers a message carries on to its retry or DLQ record: everything but the previous failure's retry
 * headers, which the runtime writes anew (a stale `inlet-error-code` must not survive a failure without one).
 */
export function carriedHeaders(headers: Record<string, string>): Record<string, string> {
  const own = new Set<string>(Object.values(retryHeaders));
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !own.has(name)));
}

/** A non-negative integer header (attempt, partition, epoch ms), or undefined when absent or malformed. */
export function integerHeader(headers: Record<string, string>, name: string): number | undefined {
  const raw = headers[name];
  if (raw === undefined || !/^\d{1,16}$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}

/**
 * Cuts a value to at most `maxBytes` of UTF-8 (headers travel in every copy of the record, and a stack or an
 * error message may be long). Never splits a character.
 */
export function truncateUtf8(value: string, maxBytes: number): string {
  if (Buffer.byteLength(value, 'utf8') <= maxBytes) return value;
  const marker = '…';
  const room = Math.max(0, maxBytes - Buffer.byteLength(marker, 'utf8'));
  const cut = Buffer.from(value, 'utf8').subarray(0, room).toString('utf8');
  // A character cut in half decodes to U+FFFD at the end: drop it.
  return cut.replace(/\uFFFD+$/, '') + marker;
}
