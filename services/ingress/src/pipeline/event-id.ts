import { createHash } from 'node:crypto';

/**
 * A stable event id: the same webhook delivered again (a sender's retry) gets the same id, so consumers apply
 * it once. From the sender's own event id when it has one (scoped by source: two senders may reuse ids), else
 * from the exact bytes of the body. Formatted as a UUID (version 8, RFC 9562: custom, name-based).
 */
export function eventIdFor(
  source: string,
  senderEventId: string | null | undefined,
  rawBody: Buffer,
): string {
  const hash = createHash('sha256').update(source).update('\0');
  if (senderEventId) hash.update('id\0').update(senderEventId);
  else hash.update('body\0').update(rawBody);
  const bytes = hash.digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80; // version 8
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
