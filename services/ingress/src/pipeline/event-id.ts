import { createHash } from 'node:crypto';

/**
 * An event's id names the event, never the delivery: the same event delivered again (a sender's retry) gets the
 * same id, so consumers apply it once. Formatted as a UUID (version 8, RFC 9562: custom, name-based).
 */

/** From the sender's own event id (a body `id`, Stripe's `evt_…`, Standard Webhooks' `webhook-id`), scoped by
 *  source: two senders may use the same ids. */
export function senderEventIdFor(source: string, senderEventId: string): string {
  return uuidFromHash(createHash('sha256').update(source).update('\0id\0').update(senderEventId));
}

/** What identifies a body without a sender id: its exact bytes, within its source. Hex SHA-256. */
export function bodyFingerprint(source: string, rawBody: Buffer): string {
  return createHash('sha256').update(source).update('\0body\0').update(rawBody).digest('hex');
}

/**
 * For a body without a sender id, first seen at `firstSeenAt`: the same bytes seen again within the source's
 * dedupe window reuse this id (dedupe-window.ts); seen after it, they are a new event with a new id.
 */
export function firstSeenEventIdFor(fingerprint: string, firstSeenAt: number): string {
  return uuidFromHash(createHash('sha256').update(fingerprint).update(`\0${firstSeenAt}`));
}

function uuidFromHash(hash: ReturnType<typeof createHash>): string {
  const bytes = hash.digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80; // version 8
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
