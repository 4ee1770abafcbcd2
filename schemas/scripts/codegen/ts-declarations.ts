import { dereference, namespaceOf } from '../../src/avro-names.js';
import { fullName, type AvroComplexSchema, type AvroSchema } from '../../src/avro-schema.js';
import { jsDoc } from './js-doc.js';

/**
 * TypeScript declarations of Avro named types, as the codec reads and writes them: avsc with no logical type
 * implementations (timestamps stay epoch-ms numbers) and longs as JavaScript numbers; a nullable field is
 * `T | null` and always present (the codec writes null, never undefined).
 */

/** Where a schema sits: its enclosing namespace and every named type of the file. */
export interface Scope {
  namespace: string | undefined;
  named: ReadonlyMap<string, AvroSchema>;
}

/**
 * The declarations of a named type and of every named type defined inside it, outer first. `declared` holds
 * the full names already written, so a type is declared once however often it is referred to.
 */
export function declarationsOf(schema: AvroComplexSchema, scope: Scope, declared: Set<string>): string[] {
  const name = fullName(schema.name ?? '', schema.namespace ?? scope.namespace);
  if (declared.has(name)) return [];
  declared.add(name);
  const inner: Scope = { ...scope, namespace: namespaceOf(name) };
  const nested: AvroComplexSchema[] = [];
  let text: string;
  if (schema.type === 'enum') {
    const symbols = (schema.symbols ?? []).map((symbol) => `'${symbol}'`).join(' | ');
    text = `${jsDoc(schema.doc, '')}export type ${schema.name} = ${symbols};`;
  } else if (schema.type === 'record') {
    const fields = (schema.fields ?? []).map(
      (field) => `${jsDoc(field.doc, '  ')}  ${field.name}: ${tsType(field.type, inner, nested)};`,
    );
    text = `${jsDoc(schema.doc, '')}export interface ${schema.name} {\n${fields.join('\n')}\n}`;
  } else {
    throw new Error(`no TypeScript declaration for the Avro ${String(schema.type)} ${name}`);
  }
  return [text, ...nested.flatMap((child) => declarationsOf(child, inner, declared))];
}

/** The type of a field; named types defined in place are added to `nested`, to be declared after. */
export function tsType(schema: AvroSchema, scope: Scope, nested: AvroComplexSchema[]): string {
  if (Array.isArray(schema)) {
    const branches = schema.map((branch) => tsType(branch, scope, nested));
    // Nullable types read `T | null`, as in hand-written TypeScript.
    return [...branches.filter((branch) => branch !== 'null'), ...branches.filter((b) => b === 'null')].join(
      ' | ',
    );
  }
  if (typeof schema === 'string') {
    const named = dereference(schema, scope);
    if (typeof named === 'object' && !Array.isArray(named) && typeof named.name === 'string')
      return named.name;
    return primitiveType(schema);
  }
  switch (schema.type) {
    case 'record':
    case 'enum':
      nested.push(schema);
      return schema.name ?? '';
    case 'array':
      return `${parenthesized(tsType(schema.items ?? 'null', scope, nested))}[]`;
    case 'map':
      return `Record<string, ${tsType(schema.values ?? 'null', scope, nested)}>`;
    case 'fixed':
      return 'Buffer';
    default:
      // A primitive written as an object, e.g. { "type": "long", "logicalType": "timestamp-millis" }.
      return tsType(schema.type, scope, nested);
  }
}

function primitiveType(name: string): string {
  switch (name) {
    case 'null':
      return 'null';
    case 'boolean':
      return 'boolean';
    case 'int':
    case 'long':
    case 'float':
    case 'double':
      return 'number';
    case 'bytes':
      return 'Buffer';
    case 'string':
      return 'string';
    default:
      throw new Error(`no TypeScript type for the Avro type ${name}`);
  }
}

function parenthesized(type: string): string {
  return type.includes(' | ') ? `(${type})` : type;
}
