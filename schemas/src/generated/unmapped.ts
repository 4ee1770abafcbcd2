// Generated from the latest Avro schema of inlet.unmapped.v1 (schemas/avro/inlet.unmapped.v1/): its value
// record, by `npm run generate --workspace @inlet/schemas`. Do not edit: change those and regenerate (a test
// fails while this file differs from what they generate).

/**
 * An authentic webhook the ingress could not map to a canonical event: its event name is one no mapping knows
 * yet. The ingress answered 202 and kept it here, without credentials, until `inlet unmapped replay` sends it
 * through the normalizer of the day to its real topic. Keyed by source. Not an Inlet event: no service
 * consumes this topic.
 */
export interface UnmappedWebhook {
  /**
   * The id the event gets on its real topic when replayed, computed as for a mapped event: a sender's retry
   * of it gets the same id.
   */
  eventId: string;
  /** The configured source (sender) id, e.g. stripe-prod. */
  source: string;
  /** The route family it arrived on: lti, services, commerce or internal. Picks the normalizer on replay. */
  family: string;
  /**
   * The sender's own name for the event (customer.created, Canvas event_name, Moodle eventname, generic type)
   * when it looks like one (at most 100 lower-case letters, digits, underscores, dots and backslashes); null
   * otherwise.
   */
  sourceEventName: string | null;
  /**
   * The event type in the URL of the internal route (/webhooks/internal/{eventType}); null on other routes.
   */
  internalEventType: string | null;
  /**
   * The verified payload as JSON text: the raw body, or, where the credential travels inside the body
   * (Moodle's token, Canvas's JWT), the payload the verifier took out of it. Never a header, a signature or a
   * token.
   */
  payload: string;
  /** When the ingress accepted it (epoch ms); the event keeps it when replayed. */
  receivedAt: number;
}
