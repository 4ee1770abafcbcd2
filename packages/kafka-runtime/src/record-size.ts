import type { OutgoingRecord } from './batching-producer.js';

// Sizes in Kafka's record batch format (v2, the only one an idempotent producer writes), uncompressed. They are
// upper bounds: every varint is counted at its widest, so a batch whose estimate fits the topic's
// max.message.bytes fits for real.

/**
 * The batch header: base offset, length, leader epoch, magic, CRC, attributes, last offset delta, timestamps,
 * producer id and epoch, base sequence, record count. It counts towards max.message.bytes.
 */
export const recordBatchHeaderBytes = 61;

/**
 * Per record, besides its key, value and headers: its length, attributes, timestamp and offset deltas, key and
 * value lengths, header count.
 */
const recordFramingBytes = 5 + 1 + 10 + 5 + 5 + 5 + 5;

/** Per header, besides its name and value: their two lengths. */
const headerFramingBytes = 5 + 5;

/** The most bytes `record` adds to a record batch. */
export function recordBytes(record: OutgoingRecord): number {
  let bytes = recordFramingBytes + Buffer.byteLength(record.key, 'utf8') + record.value.length;
  for (const [name, value] of Object.entries(record.headers)) {
    bytes += headerFramingBytes + Buffer.byteLength(name, 'utf8') + Buffer.byteLength(value, 'utf8');
  }
  return bytes;
}
