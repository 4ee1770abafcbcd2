import type { Type, types } from 'avsc';
import { shortName } from './describe-type.js';

/**
 * Why a reader schema cannot read a writer schema, naming the field or record where it breaks, or undefined
 * when it can. avsc's own error names only the outermost union when a branch fails ("cannot read X as [...]"),
 * so this walks down to the deepest place that fails and reports that.
 */
export function incompatibility(reader: Type, writer: Type): string | undefined {
  return cannotRead(reader, writer, shortName(reader.name));
}

function cannotRead(reader: Type, writer: Type, path: string): string | undefined {
  const failure = resolverFailure(reader, writer);
  if (failure === undefined) return undefined;
  if (isRecord(reader) && isRecord(writer) && shortName(reader.name) === shortName(writer.name)) {
    return recordProblem(reader, writer) ?? `${path}: ${failure}`;
  }
  if (isUnion(writer)) {
    for (const branch of writer.types) {
      const problem = cannotRead(reader, branch, path);
      if (problem) return problem;
    }
  }
  if (isUnion(reader)) {
    const sameName = reader.types.find((branch) => branch.name !== undefined && branch.name === writer.name);
    if (sameName) return cannotRead(sameName, writer, path);
    if (writer.name !== undefined) return `${path} has no ${shortName(writer.name)} branch to read it into`;
  }
  if (reader.typeName === 'array' && writer.typeName === 'array') {
    const items = cannotRead(
      (reader as types.ArrayType).itemsType,
      (writer as types.ArrayType).itemsType,
      `${path}[]`,
    );
    if (items) return items;
  }
  return `${path}: ${failure}`;
}

function recordProblem(reader: types.RecordType, writer: types.RecordType): string | undefined {
  const record = shortName(reader.name);
  for (const field of reader.fields) {
    const names = [field.name, ...field.aliases];
    const written = writer.fields.find((candidate) => names.includes(candidate.name));
    if (!written) {
      if (field.defaultValue() === undefined) {
        return `${record}.${field.name} has no default and the writer's ${record} does not have it`;
      }
      continue;
    }
    const problem = cannotRead(field.type, written.type, `${record}.${field.name}`);
    if (problem) return problem;
  }
  return undefined;
}

function resolverFailure(reader: Type, writer: Type): string | undefined {
  try {
    reader.createResolver(writer);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function isRecord(type: Type): type is types.RecordType {
  return type.typeName === 'record' || type.typeName === 'error';
}

function isUnion(type: Type): type is types.UnwrappedUnionType | types.WrappedUnionType {
  return type.typeName.startsWith('union:');
}
