/** Response schemas shared by the routes (they also document the API in the OpenAPI document). */

export { problemSchema } from '@inlet/service-kit';

export const acceptedSchema = {
  type: 'object',
  description: 'Kafka acknowledged the event on all in-sync replicas',
  properties: {
    eventId: { type: 'string', description: 'Stable id: a retry of the same webhook gets the same id' },
    type: { type: 'string', description: 'The canonical event type' },
    status: { type: 'string', enum: ['accepted'] },
  },
  required: ['eventId', 'type', 'status'],
} as const;
