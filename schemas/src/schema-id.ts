import type { AvroSchema } from './avro-schema.js';
import { avroType } from './avro-types.js';

/**
 * The embedded registry's schema id: the first 4 bytes of the SHA-256 fingerprint of the schema's Parsing
 * Canonical Form, as a positive int32. Every process computes the same id for the same schema without talking
 * to anyone; docs and defaults are not part of the canonical form, so they do not change the id.
 */
export function fingerprintSchemaId(schema: AvroSchema): number {
  return avroType(schema).fingerprint('sha256').readUInt32BE(0) & 0x7fffffff;
}
