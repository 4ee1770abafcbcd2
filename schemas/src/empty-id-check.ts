import type { Type, types } from 'avsc';
import { isIdLikeField } from './id-like.js';

/** The path of the first empty non-nullable id-like string in a value, or undefined when there is none. */
export type EmptyIdCheck = (value: unknown) => string[] | undefined;

const compiled = new WeakMap<Type, EmptyIdCheck | null>();

/**
 * Compiles the empty-id rule (see id-like.ts) for a type once, so checking an event walks only the fields that
 * can hold an id. Returns undefined when no id-like field can appear anywhere in the type.
 */
export function emptyIdCheck(type: Type): EmptyIdCheck | undefined {
  if (!compiled.has(type)) {
    compiled.set(type, null); // a recursive type meets itself as "no check" rather than looping
    compiled.set(type, compile(type) ?? null);
  }
  return compiled.get(type) ?? undefined;
}

function compile(type: Type): EmptyIdCheck | undefined {
  switch (type.typeName) {
    case 'record':
      return compileRecord(type as types.RecordType);
    case 'array': {
      const items = emptyIdCheck((type as types.ArrayType).itemsType);
      if (!items) return undefined;
      return (value) => {
        if (!Array.isArray(value)) return undefined;
        for (let i = 0; i < value.length; i++) {
          const path = items(value[i]);
          if (path) return [String(i), ...path];
        }
        return undefined;
      };
    }
    case 'union:unwrapped': {
      // At most one branch is record-like in an unwrapped union, and null holds no id.
      const checks = (type as types.UnwrappedUnionType).types
        .map(emptyIdCheck)
        .filter((c) => c !== undefined);
      if (checks.length === 0) return undefined;
      return (value) => {
        if (value === null || typeof value !== 'object') return undefined;
        for (const check of checks) {
          const path = check(value);
          if (path) return path;
        }
        return undefined;
      };
    }
    case 'union:wrapped': {
      const byBranch = new Map<string, EmptyIdCheck>();
      for (const branch of (type as types.WrappedUnionType).types) {
        const check = emptyIdCheck(branch);
        if (check && branch.branchName) byBranch.set(branch.branchName, check);
      }
      if (byBranch.size === 0) return undefined;
      return (value) => {
        if (value === null || typeof value !== 'object') return undefined;
        for (const [branch, inner] of Object.entries(value)) {
          const path = byBranch.get(branch)?.(inner);
          if (path) return [branch, ...path];
        }
        return undefined;
      };
    }
    default:
      return undefined;
  }
}

function compileRecord(record: types.RecordType): EmptyIdCheck | undefined {
  const idFields: string[] = [];
  const nested: [string, EmptyIdCheck][] = [];
  for (const field of record.fields) {
    if (field.type.typeName === 'string' && isIdLikeField(field.name)) idFields.push(field.name);
    const check = emptyIdCheck(field.type);
    if (check) nested.push([field.name, check]);
  }
  if (idFields.length === 0 && nested.length === 0) return undefined;
  return (value) => {
    if (value === null || typeof value !== 'object') return undefined;
    const fields = value as Record<string, unknown>;
    for (const name of idFields) if (fields[name] === '') return [name];
    for (const [name, check] of nested) {
      const path = check(fields[name]);
      if (path) return [name, ...path];
    }
    return undefined;
  };
}
