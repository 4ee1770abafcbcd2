/**
 * A bigint from pg (it arrives as text, never rounded) as a JavaScript number, which JSON needs. Amounts are
 * validated as safe integers when they enter and sums of them stay far below 2^53 in practice; a value beyond
 * that is refused loudly rather than rounded silently, because a rounded amount is a wrong amount.
 */
export function toSafeInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${text} is not an integer a JavaScript number holds exactly`);
  }
  return value;
}
