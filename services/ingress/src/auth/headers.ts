import { AuthError } from './errors.js';
import type { HeaderBag } from './types.js';

/** `x-webhook-signature` -> `X-Webhook-Signature`, for messages to the sender. */
export function displayHeaderName(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('-');
}

function lookup(headers: HeaderBag, name: string): string | string[] | undefined {
  const lowerName = name.toLowerCase();
  if (Object.hasOwn(headers, lowerName)) return headers[lowerName];
  // Callers other than Node's http server (tests, adapters) may keep the sender's spelling.
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === lowerName);
  return key === undefined ? undefined : headers[key];
}

/**
 * The single trimmed value of a header, or undefined when it is absent or empty. A header sent several times
 * with different values is ambiguous for a signature, so it is rejected rather than guessed.
 */
export function readHeader(
  headers: HeaderBag,
  name: string,
  displayName = displayHeaderName(name),
): string | undefined {
  const raw = lookup(headers, name);
  const values = (Array.isArray(raw) ? raw : [raw]).filter((value): value is string => value !== undefined);
  const distinct = [...new Set(values.map((value) => value.trim()).filter((value) => value !== ''))];
  if (distinct.length > 1)
    throw new AuthError('INLET_AUTH_MALFORMED', `${displayName} header must be sent once`);
  return distinct[0];
}

export function requireHeader(
  headers: HeaderBag,
  name: string,
  displayName = displayHeaderName(name),
): string {
  const value = readHeader(headers, name, displayName);
  if (value === undefined) throw new AuthError('INLET_AUTH_MISSING', `${displayName} header is missing`);
  return value;
}
