/**
 * The Kafka headers of Inlet's records, part of the contract like the value schemas: the consumer runtime
 * writes and reads the retry headers, the CLI reads them all, and the AsyncAPI document describes them. Every
 * value is UTF-8 text.
 */

/** Headers the ingress writes on every event (the unmapped topic's records carry id and source only). */
export const eventHeaders = {
  eventId: 'inlet-event-id',
  eventType: 'inlet-event-type',
  source: 'inlet-source',
} as const;

/** Headers the consumer runtime writes on retry and DLQ records, anew on each failure. */
export const retryHeaders = {
  attempt: 'inlet-attempt',
  originalTopic: 'inlet-original-topic',
  originalPartition: 'inlet-original-partition',
  originalOffset: 'inlet-original-offset',
  notBefore: 'inlet-not-before',
  errorClass: 'inlet-error-class',
  errorMessage: 'inlet-error-message',
  errorStack: 'inlet-error-stack',
  errorCode: 'inlet-error-code',
  consumerGroup: 'inlet-consumer-group',
  firstFailureAt: 'inlet-first-failure-at',
  lastFailureAt: 'inlet-last-failure-at',
} as const;

/** W3C trace context, written by OpenTelemetry's propagator when tracing is on. */
export const traceHeaders = ['traceparent', 'tracestate'] as const;

/** What each header holds, for the AsyncAPI document. */
export const headerDescriptions: Readonly<Record<string, string>> = {
  [eventHeaders.eventId]: "The event's id (the value's eventId).",
  [eventHeaders.eventType]:
    "The canonical event type (the value's type), readable without decoding the value.",
  [eventHeaders.source]: 'The configured source (sender) id.',
  [retryHeaders.attempt]:
    'On a retry record, the attempt it will be when consumed (2 for the first retry); on a DLQ record, the attempts made.',
  [retryHeaders.originalTopic]:
    'The main topic the record was first read from, kept from the first failure on.',
  [retryHeaders.originalPartition]: 'Its partition on the main topic.',
  [retryHeaders.originalOffset]: 'Its offset on the main topic.',
  [retryHeaders.notBefore]:
    'Epoch ms. Retry records: failure time plus the tier delay, the time it may run again; DLQ records: the dead-letter time.',
  [retryHeaders.errorClass]: "The failure's error class, e.g. UndecodableEventError.",
  [retryHeaders.errorMessage]: "The failure's message, cut to 2 KB.",
  [retryHeaders.errorStack]: "The failure's stack, cut to 2 KB, when it has one.",
  [retryHeaders.errorCode]: "The failure's code (e.g. INLET_EVENT_UNDECODABLE), only when it has one.",
  [retryHeaders.consumerGroup]: 'The consumer group of the service that failed to process the record.',
  [retryHeaders.firstFailureAt]: 'Epoch ms of the first failure.',
  [retryHeaders.lastFailureAt]: 'Epoch ms of this failure.',
  traceparent: 'W3C trace context (traceparent), when tracing is on.',
  tracestate: 'W3C trace context (tracestate), when tracing is on and the trace has state.',
};
