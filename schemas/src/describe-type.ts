import type { Type, types } from 'avsc';

/** A short, value-free description of what a type accepts, for validation messages. */
export function describeType(type: Type): string {
  switch (type.typeName) {
    case 'union:unwrapped':
    case 'union:wrapped':
      return (type as types.UnwrappedUnionType | types.WrappedUnionType).types.map(describeType).join(' or ');
    case 'record':
      return `a ${shortName(type.name)} record`;
    case 'enum':
      return `one of ${(type as types.EnumType).symbols.join(', ')}`;
    case 'array':
      return `an array of ${describeType((type as types.ArrayType).itemsType)}`;
    case 'int':
      return 'a 32-bit integer';
    case 'long':
      return 'a safe integer';
    case 'double':
    case 'float':
      return 'a number';
    case 'null':
      return 'null';
    default:
      return `a ${type.typeName}`;
  }
}

/** What a value is, without saying what it holds. */
export function describeValueKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isInteger(value)) return 'a fractional number';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function shortName(name: string | undefined): string {
  return name === undefined ? 'anonymous' : name.slice(name.lastIndexOf('.') + 1);
}
