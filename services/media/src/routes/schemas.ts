// JSON schemas of the read API's answers. Fastify serializes with them, so a field not listed here never
// leaves the service, and the types of the queries (queries/*.ts) and these stay side by side in review.

const nullable = (type: 'string' | 'number' | 'integer' | 'boolean') => ({ type: [type, 'null'] }) as const;
const nullableTime = { type: ['string', 'null'], format: 'date-time' } as const;

/**
 * Ids are opaque text from the senders; the bound keeps a typo from becoming a 1 MB query, and the pattern
 * refuses U+0000, which PostgreSQL text cannot hold (it would fail the query instead of matching nothing).
 */
export const idSchema = { type: 'string', minLength: 1, maxLength: 255, pattern: '^[^\\u0000]*$' } as const;

export const cursorSchema = { type: 'string', minLength: 1, maxLength: 1024 } as const;

export { problemSchema } from '@inlet/service-kit';

export const videoSchema = {
  type: 'object',
  // Every field, always present (null when unknown): clients never test for a missing key.
  required: [
    'videoId',
    'uploaded',
    'title',
    'durationSeconds',
    'contentType',
    'sizeBytes',
    'url',
    'uploadedBy',
    'metadata',
    'uploadedAt',
    'transcript',
    'updatedAt',
  ],
  properties: {
    videoId: { type: 'string' },
    uploaded: { type: 'boolean' },
    title: nullable('string'),
    durationSeconds: nullable('number'),
    contentType: nullable('string'),
    sizeBytes: nullable('integer'),
    url: nullable('string'),
    uploadedBy: nullable('string'),
    // Whatever JSON the uploader sent; null when it sent none.
    metadata: {},
    uploadedAt: nullableTime,
    transcript: {
      type: 'object',
      required: [
        'status',
        'segmentCount',
        'jobId',
        'confidence',
        'durationSeconds',
        'format',
        'bytes',
        'source',
        'transcribedAt',
        'fetchedAt',
      ],
      properties: {
        status: { type: 'string', enum: ['pending', 'transcribed'] },
        segmentCount: { type: 'integer' },
        jobId: nullable('string'),
        confidence: nullable('number'),
        durationSeconds: nullable('number'),
        format: { type: ['string', 'null'], enum: ['webvtt', 'srt', 'text', null] },
        bytes: nullable('integer'),
        source: nullable('string'),
        transcribedAt: nullableTime,
        fetchedAt: nullableTime,
      },
    },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

const segmentProperties = {
  seq: { type: 'integer' },
  startSeconds: nullable('number'),
  endSeconds: nullable('number'),
  speaker: nullable('string'),
  text: { type: 'string' },
} as const;

export const transcriptPageSchema = {
  type: 'object',
  required: ['videoId', 'segmentCount', 'items', 'nextCursor'],
  properties: {
    videoId: { type: 'string' },
    segmentCount: { type: 'integer' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['seq', 'startSeconds', 'endSeconds', 'speaker', 'text'],
        properties: segmentProperties,
      },
    },
    nextCursor: nullable('string'),
  },
} as const;

export const searchPageSchema = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'videoId',
          'title',
          'seq',
          'startSeconds',
          'endSeconds',
          'speaker',
          'text',
          'snippet',
          'rank',
        ],
        properties: {
          videoId: { type: 'string' },
          title: nullable('string'),
          ...segmentProperties,
          snippet: { type: 'string' },
          rank: { type: 'number' },
        },
      },
    },
    nextCursor: nullable('string'),
  },
} as const;
