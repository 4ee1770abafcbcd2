import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

type Bytes = string | Uint8Array;

function sha256(value: Bytes): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Constant-time equality for values of any length: both sides are hashed first, so timingSafeEqual always sees
 * two 32-byte buffers — a length difference neither throws nor returns early.
 */
export function constantTimeEqual(a: Bytes, b: Bytes): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

/**
 * True when any provided value equals any expected value. Every pair is compared, so the time taken does not
 * reveal which secret (rotation) or which signature matched.
 */
export function matchesAny(provided: readonly Bytes[], expected: readonly Bytes[]): boolean {
  let matched = false;
  for (const candidate of expected) {
    for (const value of provided) {
      // The comparison runs first so `||` cannot skip it once a match was found.
      matched = constantTimeEqual(value, candidate) || matched;
    }
  }
  return matched;
}

export function hmacSha256(key: Bytes, ...parts: Bytes[]): Buffer {
  const hmac = createHmac('sha256', key);
  for (const part of parts) hmac.update(part);
  return hmac.digest();
}
