/** Generic events on the services route: transcriptions and user behaviour, and what they refuse. */
import { describe, expect, it } from 'vitest';
import { normalizeService } from '../../src/normalize/index.js';
import { expectNormalizeError, fixture, withValue } from './helpers.js';

describe('generic events on the services route', () => {
  it('maps transcription.completed (duration → durationSeconds)', () => {
    expect(normalizeService(fixture('generic/transcription.completed.json'))).toEqual({
      type: 'transcription.completed',
      data: {
        jobId: 'job_7Hk2mQ9',
        videoId: 'vid_3f9a12',
        transcriptionUrl: 'https://media.example.com/transcripts/vid_3f9a12.vtt',
        confidence: 0.94,
        durationSeconds: 1834.5,
      },
      occurredAt: Date.UTC(2024, 2, 5, 10, 15, 42),
      sourceEventName: null,
      senderEventId: null,
    });
  });

  it('maps user.behavior items to epoch ms and metadata to JSON text; the batch happened at its last item', () => {
    expect(normalizeService(fixture('generic/user.behavior.json'))).toEqual({
      type: 'user.behavior',
      data: {
        userId: 'user123',
        sessionId: 'sess_9b2e4f',
        events: [
          {
            type: 'view',
            element: 'lesson:photosynthesis',
            occurredAt: Date.UTC(2024, 2, 5, 10, 0, 0),
            metadata: null,
          },
          {
            type: 'click',
            element: 'button#show-hint',
            occurredAt: Date.UTC(2024, 2, 5, 10, 2, 30, 250),
            metadata: '{"hintIndex":2,"questionId":"q-17"}',
          },
        ],
      },
      occurredAt: Date.UTC(2024, 2, 5, 10, 2, 30, 250),
      sourceEventName: null,
      senderEventId: null,
    });
  });

  it('refuses a behavior item of an unknown kind, naming the allowed ones', () => {
    expectNormalizeError(
      () => normalizeService(withValue('generic/user.behavior.json', '/data/events/1/type', 'scroll')),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/data/events/1/type',
        message: '/data/events/1/type must be one of: click, view, interaction',
      },
    );
  });

  it('refuses a confidence outside 0..1', () => {
    expectNormalizeError(
      () => normalizeService(withValue('generic/transcription.completed.json', '/data/confidence', 94)),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/data/confidence',
        message: '/data/confidence must be <= 1',
      },
    );
  });
});
