import avsc from 'avsc';
import type { Schema, Type } from 'avsc';
import type { AvroSchema } from './avro-schema.js';

// Parsing a schema builds code-generated readers and writers: worth doing once per schema object.
const typesBySchema = new WeakMap<object, Type>();

/**
 * The avsc Type for a schema, parsed the same way everywhere in Inlet:
 * - no logical type implementations are registered, so timestamp-millis fields stay plain numbers (epoch ms)
 *   on both encode and decode, as InletEvent declares them;
 * - unions are wrapped only where avsc cannot tell the branches apart ("auto"): ["null", T] stays a plain
 *   value, and a topic's `data` union of records is wrapped as { "inlet.grades.GradeChange": {...} };
 * - decoded records carry no avsc methods (the codec hands out plain objects anyway).
 */
export function avroType(schema: AvroSchema): Type {
  const cached = typeof schema === 'object' ? typesBySchema.get(schema) : undefined;
  if (cached) return cached;
  const type = avsc.Type.forSchema(schema as Schema, { wrapUnions: 'auto', omitRecordMethods: true });
  if (typeof schema === 'object') typesBySchema.set(schema, type);
  return type;
}
