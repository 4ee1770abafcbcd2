import type { Type } from 'avsc';
import { UndecodableEventError } from './errors.js';

/**
 * Confluent's wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the Avro binary body.
 * Any Confluent-compatible consumer (Java, Python, ksqlDB) can read what Inlet writes.
 */
export const magicByte = 0;
export const headerBytes = 5;

// Encoding straight after the header into one reusable buffer avoids avsc's encode-twice path for values over
// its 1 KiB pool and a second copy to prepend the header. Encoding is synchronous, so one buffer is safe.
let scratch = Buffer.allocUnsafe(16 * 1024);

export function encodeFramed(type: Type, value: unknown, schemaId: number): Buffer {
  let end = type.encode(value, scratch, headerBytes);
  if (end < 0) {
    // avsc returns minus the missing byte count when the buffer is too small.
    scratch = Buffer.allocUnsafe(Math.max(scratch.length * 2, scratch.length - end));
    end = type.encode(value, scratch, headerBytes);
  }
  const framed = Buffer.allocUnsafe(end);
  framed[0] = magicByte;
  framed.writeInt32BE(schemaId, 1);
  scratch.copy(framed, headerBytes, headerBytes, end);
  return framed;
}

export function readSchemaId(value: Buffer): number {
  if (!Buffer.isBuffer(value) || value.length < headerBytes) {
    throw new UndecodableEventError('shorter than the 5-byte wire-format header');
  }
  if (value[0] !== magicByte) {
    throw new UndecodableEventError(`magic byte is ${value[0]}, not ${magicByte}`);
  }
  return value.readInt32BE(1);
}
