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

/** The fields of `Item` that hold an integer (or null). */
type IntegerField<Item> = {
  [Field in keyof Item]-?: Item[Field] extends number | null ? Field : never;
}[keyof Item];

/** `Item` as pg reads it when its `Fields` are bigint: text, never rounded (null where the field may be). */
export type BigintText<Item, Fields extends IntegerField<Item>> = Omit<Item, Fields> & {
  [Field in Fields]: string | Extract<Item[Field], null>;
};

/** The answer such a row stands for: each of `fields` through toSafeInteger, so exact or refused. */
export function withSafeIntegers<Item, Fields extends IntegerField<Item>>(
  row: BigintText<Item, Fields>,
  fields: readonly Fields[],
): Item {
  const item: Record<PropertyKey, unknown> = { ...row };
  for (const field of fields) {
    const text = row[field] as string | null;
    item[field] = text === null ? null : toSafeInteger(text);
  }
  return item as Item;
}
