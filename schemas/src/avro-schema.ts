/**
 * The JSON shapes of the Avro schemas in avro/, as far as Inlet's code reads them (the catalog, the JSON Schemas,
 * the registries). avsc parses them; these types only describe what the files hold.
 */

export type AvroSchema = string | AvroSchema[] | AvroComplexSchema;

export interface AvroComplexSchema {
  type: AvroSchema;
  name?: string;
  namespace?: string;
  doc?: string;
  fields?: AvroField[];
  symbols?: string[];
  default?: unknown;
  items?: AvroSchema;
  values?: AvroSchema;
  logicalType?: string;
  [attribute: string]: unknown;
}

export interface AvroField {
  name: string;
  type: AvroSchema;
  doc?: string;
  default?: unknown;
  aliases?: string[];
}

export interface AvroRecordSchema extends AvroComplexSchema {
  type: 'record';
  name: string;
  fields: AvroField[];
}

export function isRecordSchema(schema: AvroSchema): schema is AvroRecordSchema {
  return typeof schema === 'object' && !Array.isArray(schema) && schema.type === 'record';
}

/** A named type's full name, as Avro resolves it: a dotted name is already full, else the namespace prefixes it. */
export function fullName(name: string, namespace: string | undefined): string {
  return name.includes('.') || !namespace ? name : `${namespace}.${name}`;
}
