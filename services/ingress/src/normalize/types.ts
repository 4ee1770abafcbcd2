import type { EventDataByType, EventType } from '@inlet/schemas';

export interface NormalizedEvent<T extends EventType = EventType> {
  type: T;
  data: EventDataByType[T];
  /** When the sender says it happened (epoch ms), or null. */
  occurredAt: number | null;
  /** The sender's own event name (Canvas event_name, Moodle eventname, Stripe type), or null for generic. */
  sourceEventName: string | null;
  /**
   * The sender's own id for THIS delivery's event (Stripe evt_ id, generic top-level `id`, Canvas metadata.event_id
   * or Moodle top-level `id` when a plugin adds one), or null. Used for the stable eventId.
   */
  senderEventId: string | null;
}

/** A JSON object as parsed from a body; everything in it is still unchecked. */
export type JsonObject = Record<string, unknown>;
