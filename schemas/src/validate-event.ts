import type { Type, types } from 'avsc';
import type { DataUnion } from './data-union.js';
import { describeType, describeValueKind, shortName } from './describe-type.js';
import { emptyIdCheck } from './empty-id-check.js';
import { EventValidationError } from './errors.js';
import { isEventType, type EventType } from './events.js';

/** The event's type, when the event is an object with a canonical type; else an EventValidationError. */
export function eventTypeOf(event: unknown): EventType {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    throw new EventValidationError('', `must be an object, got ${describeValueKind(event)}`);
  }
  const type = (event as { type?: unknown }).type;
  if (typeof type !== 'string' || !isEventType(type)) {
    throw new EventValidationError(
      'type',
      type === undefined ? 'is required' : 'is not a canonical event type (see eventTypes)',
    );
  }
  return type;
}

/**
 * Throws an EventValidationError naming the first field of an avsc value (the event with its data wrapped) that
 * the value schema rejects, or that is an empty id. Undeclared fields are rejected too: a field the schema does
 * not know would be dropped silently on encode.
 */
export function validateAvroValue(valueType: Type, value: unknown, dataUnion: DataUnion): void {
  const options = { noUndeclaredFields: true };
  if (!valueType.isValid(value, options)) {
    let problem: { path: string[]; value: unknown; type: Type } | undefined;
    valueType.isValid(value, {
      ...options,
      errorHook: (path: string[], invalid: unknown, type: Type) => {
        problem ??= { path, value: invalid, type };
      },
    });
    if (!problem) throw new EventValidationError('', 'does not match its schema');
    throw describeProblem(problem.path, problem.value, problem.type, dataUnion);
  }
  const emptyId = emptyIdCheck(valueType)?.(value);
  if (emptyId) throw new EventValidationError(fieldPath(emptyId, dataUnion), 'must not be empty');
}

function describeProblem(
  path: string[],
  value: unknown,
  type: Type,
  dataUnion: DataUnion,
): EventValidationError {
  if (type.typeName === 'record' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    // An object where a record belongs fails only for a key the record does not declare.
    const declared = new Set((type as types.RecordType).fields.map((field) => field.name));
    const undeclared = Object.keys(value).find((key) => !declared.has(key));
    if (undeclared !== undefined) {
      // Keys come from senders too: name one only when it looks like a field name (Inlet's are camelCase
      // letters); a key with digits or symbols may be an id or a token.
      return /^[a-z][A-Za-z]{0,39}$/.test(undeclared)
        ? new EventValidationError(
            fieldPath([...path, undeclared], dataUnion),
            `is not a field of ${shortName(type.name)}`,
          )
        : new EventValidationError(
            fieldPath(path, dataUnion),
            `has a field that ${shortName(type.name)} does not declare`,
          );
    }
  }
  const field = fieldPath(path, dataUnion);
  return value === undefined
    ? new EventValidationError(field, `is required (${describeType(type)})`)
    : new EventValidationError(field, `must be ${describeType(type)}, got ${describeValueKind(value)}`);
}

/** `data.events[2].type` from avsc's path, without the union branch avsc inserts after `data`. */
function fieldPath(path: readonly string[], dataUnion: DataUnion): string {
  const segments = dataUnion.wrapped && path[0] === 'data' ? [path[0], ...path.slice(2)] : path;
  return segments.reduce(
    (joined, segment) =>
      /^\d+$/.test(segment) ? `${joined}[${segment}]` : joined ? `${joined}.${segment}` : segment,
    '',
  );
}
