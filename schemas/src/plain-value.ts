/**
 * A decoded avsc value as plain objects and arrays. avsc builds records with generated constructors; callers
 * get the InletEvent shape as if it were parsed from JSON (structural equality, spreading, structuredClone and
 * prototype checks all behave as for a literal).
 */
export function toPlainValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toPlainValue);
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(value)) plain[key] = toPlainValue((value as Record<string, unknown>)[key]);
  return plain;
}
