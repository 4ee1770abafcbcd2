/** Response schemas shared by the routes (they also document the API in the OpenAPI document). */

export { problemSchema } from '@inlet/service-kit/service';

export const acceptedSchema = {
  type: 'object',
  description:
    'Kafka acknowledged the event on all in-sync replicas. status accepted: it went to its domain topic as ' +
    '`type`. status unmapped: it is authentic but Inlet does not map its event name yet; it was kept (without ' +
    'credentials) for replay once a mapping exists, so there is nothing to retry.',
  properties: {
    eventId: { type: 'string', description: 'Stable id: a retry of the same webhook gets the same id' },
    type: { type: 'string', description: 'The canonical event type; only when status is accepted' },
    status: { type: 'string', enum: ['accepted', 'unmapped'] },
    sourceEventName: {
      type: ['string', 'null'],
      description: "Only when status is unmapped: the sender's event name, when it looks like one",
    },
  },
  required: ['eventId', 'status'],
} as const;
