import type { Type, types } from 'avsc';
import { shortName } from './describe-type.js';

/**
 * The `data` field of a topic's value schema: a union of the topic's records. avsc represents a union of several
 * records wrapped ({ "inlet.grades.GradeChange": {...} }) so it knows the branch; a topic with a single record
 * would be unwrapped. This hides which it is: callers pass and get the plain data record.
 */
export interface DataUnion {
  /** The value avsc expects for `data` holding `record` (a short record name from eventTypes). */
  wrap(record: string, data: unknown): unknown;
  /** The plain record when `value` holds `record`, else undefined (the data does not match the event type). */
  unwrap(value: unknown, record: string): unknown;
  /** Whether avsc puts the branch name into paths (data.<branch>.field), which callers strip for messages. */
  readonly wrapped: boolean;
  /** Short names of the records the union holds. */
  readonly records: readonly string[];
}

export function dataUnionOf(valueType: types.RecordType): DataUnion {
  const dataType = valueType.field('data')?.type;
  if (!dataType) throw new Error(`${valueType.name} has no data field`);
  if (dataType.typeName === 'union:wrapped') return wrappedUnion(dataType as types.WrappedUnionType);
  const branches =
    dataType.typeName === 'union:unwrapped' ? (dataType as types.UnwrappedUnionType).types : [dataType];
  return singleRecord(branches, valueType.name);
}

function wrappedUnion(union: types.WrappedUnionType): DataUnion {
  const branchByRecord = new Map<string, string>();
  for (const branch of union.types) {
    if (branch.typeName === 'record' && branch.branchName)
      branchByRecord.set(shortName(branch.name), branch.branchName);
  }
  const branchOf = (record: string): string => {
    const branch = branchByRecord.get(record);
    if (!branch) throw new Error(`the data union has no record ${record}`);
    return branch;
  };
  return {
    wrapped: true,
    records: [...branchByRecord.keys()],
    wrap: (record, data) => ({ [branchOf(record)]: data }),
    unwrap: (value, record) => {
      const branch = branchByRecord.get(record);
      if (branch === undefined || value === null || typeof value !== 'object') return undefined;
      return (value as Record<string, unknown>)[branch];
    },
  };
}

function singleRecord(branches: readonly Type[], valueName: string | undefined): DataUnion {
  const records = branches.filter((type) => type.typeName === 'record').map((type) => shortName(type.name));
  if (records.length !== 1) throw new Error(`${valueName}: data must be a record or a union of records`);
  const only = records[0];
  return {
    wrapped: false,
    records,
    wrap: (record, data) => {
      if (record !== only) throw new Error(`the data union has no record ${record}`);
      return data;
    },
    unwrap: (value, record) => (record === only && value !== null ? value : undefined),
  };
}
