/** Epoch ms as RFC 3339 UTC, without milliseconds when they are zero. */
export function isoTime(epochMs: number): string {
  if (!Number.isFinite(epochMs)) return '';
  return new Date(epochMs).toISOString().replace('.000Z', 'Z');
}
