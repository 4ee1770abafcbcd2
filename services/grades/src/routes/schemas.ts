// JSON schemas of the read API's answers. Fastify serializes with them, so a field not listed here never
// leaves the service, and the types of the queries (queries/*.ts) and these stay side by side in review.

const nullable = (type: 'string' | 'number' | 'integer') => ({ type: [type, 'null'] }) as const;

/**
 * Ids are opaque text from the senders; the bound keeps a typo from becoming a 1 MB query, and the pattern
 * refuses U+0000, which PostgreSQL text cannot hold (it would fail the query instead of matching nothing).
 */
export const idSchema = { type: 'string', minLength: 1, maxLength: 255, pattern: '^[^\\u0000]*$' } as const;

export { problemSchema } from '@inlet/service-kit';

export const gradeSchema = {
  type: 'object',
  // Every field, always present (null when unknown): clients never test for a missing key, and the
  // serializer writes them in this order.
  required: [
    'userId',
    'resourceLinkId',
    'contextId',
    'gradeId',
    'score',
    'maxScore',
    'percentage',
    'gradingProgress',
    'comment',
    'deleted',
    'lastEventId',
    'lastEventType',
    'lastEventAt',
    'updatedAt',
  ],
  properties: {
    userId: { type: 'string' },
    resourceLinkId: { type: 'string' },
    contextId: nullable('string'),
    gradeId: nullable('string'),
    score: nullable('number'),
    maxScore: nullable('number'),
    percentage: nullable('number'),
    gradingProgress: nullable('string'),
    comment: nullable('string'),
    deleted: { type: 'boolean' },
    lastEventId: { type: 'string' },
    lastEventType: { type: 'string' },
    lastEventAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const progressSchema = {
  type: 'object',
  required: ['userId', 'modules', 'assessments', 'courses'],
  properties: {
    userId: { type: 'string' },
    modules: {
      type: 'array',
      items: {
        type: 'object',
        required: ['moduleId', 'contextId', 'completedAt'],
        properties: {
          moduleId: { type: 'string' },
          contextId: nullable('string'),
          completedAt: { type: 'string', format: 'date-time' },
        },
      },
    },
    assessments: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'assessmentId',
          'submissionId',
          'contextId',
          'score',
          'maxScore',
          'attempt',
          'submittedAt',
        ],
        properties: {
          assessmentId: { type: 'string' },
          submissionId: nullable('string'),
          contextId: nullable('string'),
          score: nullable('number'),
          maxScore: nullable('number'),
          attempt: nullable('integer'),
          submittedAt: { type: 'string', format: 'date-time' },
        },
      },
    },
    courses: {
      type: 'array',
      items: {
        type: 'object',
        required: ['contextId', 'completedAt'],
        properties: {
          contextId: { type: 'string' },
          completedAt: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
} as const;
