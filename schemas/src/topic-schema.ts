import type { types } from 'avsc';
import { avroType } from './avro-types.js';
import { dataUnionOf, type DataUnion } from './data-union.js';
import { UndecodableEventError } from './errors.js';
import { topicOfEventType } from './event-topics.js';
import { eventTypes, isEventType, type InletEvent } from './events.js';
import { toPlainValue } from './plain-value.js';
import type { SchemaVersion } from './schema-files.js';
import { validateAvroValue } from './validate-event.js';

/**
 * One version of a topic's value schema, ready to write events with or to read them into InletEvents: the
 * parsed avsc Type and its `data` union, built once and shared by every encode and decode.
 */
export class TopicSchema {
  readonly topic: string;
  readonly version: SchemaVersion;
  readonly type: types.RecordType;
  readonly dataUnion: DataUnion;

  constructor(version: SchemaVersion) {
    this.topic = version.topic;
    this.version = version;
    this.type = avroType(version.schema) as types.RecordType;
    this.dataUnion = dataUnionOf(this.type);
  }

  /** The value avsc writes for `event`, validated; throws EventValidationError naming the bad field. */
  toAvroValue(event: InletEvent): Record<string, unknown> {
    const value = { ...event, data: this.dataUnion.wrap(eventTypes[event.type].record, event.data) };
    validateAvroValue(this.type, value, this.dataUnion);
    return value;
  }

  /** The InletEvent for a value avsc read with this schema as the reader. */
  fromAvroValue(value: Record<string, unknown>, schemaId: number): InletEvent {
    const type = value.type;
    if (typeof type !== 'string' || !isEventType(type)) {
      // A newer producer may know types this consumer does not; say which, when it looks like a type name.
      const named = typeof type === 'string' && /^[a-z0-9_.]{1,100}$/.test(type) ? ` ${type}` : '';
      throw new UndecodableEventError(`unknown event type${named}`, { schemaId });
    }
    if (topicOfEventType(type) !== this.topic) {
      throw new UndecodableEventError(`event type ${type} does not belong on ${this.topic}`, { schemaId });
    }
    const record = eventTypes[type].record;
    const data = this.dataUnion.unwrap(value.data, record);
    if (data === undefined) {
      throw new UndecodableEventError(`the data of a ${type} event is not a ${record} record`, { schemaId });
    }
    return toPlainValue({ ...value, data }) as InletEvent;
  }
}
