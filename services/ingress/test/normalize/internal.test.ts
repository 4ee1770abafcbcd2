import { describe, expect, it } from 'vitest';
import { normalizeInternal, normalizeLti } from '../../src/normalize/index.js';
import { expectNormalizeError, fixture } from './helpers.js';

const videoData = {
  videoId: 'vid_3f9a12',
  title: 'Lecture 4: Mitosis',
  durationSeconds: 1834.5,
  contentType: 'video/mp4',
  sizeBytes: 734003200,
  url: 'https://media.example.com/videos/vid_3f9a12.mp4',
  uploadedBy: 'instructor_12',
  metadata: '{"resolution":"1920x1080","codec":"h264"}',
};

describe('internal events', () => {
  it('maps a video.upload.completed in the generic envelope, lifting known facts out of metadata', () => {
    expect(
      normalizeInternal('video.upload.completed', fixture('generic/video.upload.completed.json')),
    ).toEqual({
      type: 'video.upload.completed',
      data: videoData,
      occurredAt: Date.UTC(2024, 2, 5, 9, 58),
      sourceEventName: null,
      senderEventId: null,
    });
  });

  it('accepts the data itself as the body, with the same result', () => {
    const envelope = fixture('generic/video.upload.completed.json');
    expect(normalizeInternal('video.upload.completed', envelope.data)).toEqual({
      type: 'video.upload.completed',
      data: videoData,
      occurredAt: Date.UTC(2024, 2, 5, 9, 58),
      sourceEventName: null,
      senderEventId: null,
    });
  });

  it('accepts an envelope without type, and keeps its id', () => {
    const envelope = fixture('generic/deep_link.created.json');
    delete envelope.type;
    envelope.id = 'dl-evt-1';
    expect(normalizeInternal('deep_link.created', envelope)).toEqual({
      type: 'deep_link.created',
      data: {
        linkId: 'dl_5c1e9a',
        resourceType: 'assessment',
        contextId: 'course-bio-101',
        createdBy: 'instructor_12',
        configuration: '{"title":"Cells quiz","questionCount":10,"timeLimitMinutes":20,"shuffle":true}',
      },
      occurredAt: Date.UTC(2024, 2, 1, 17, 5),
      sourceEventName: null,
      senderEventId: 'dl-evt-1',
    });
  });

  it('keeps fields given on data over those in metadata, and metadata null when nothing else remains', () => {
    const event = normalizeInternal('video.upload.completed', {
      videoId: 'v1',
      title: 'Own title',
      metadata: { title: 'Metadata title', durationSeconds: 12 },
    });
    expect(event.data).toEqual({
      videoId: 'v1',
      title: 'Own title',
      durationSeconds: 12,
      contentType: null,
      sizeBytes: null,
      url: null,
      uploadedBy: null,
      metadata: null,
    });
  });

  it('refuses an envelope whose type disagrees with the URL', () => {
    expectNormalizeError(
      () => normalizeInternal('video.upload.completed', fixture('generic/deep_link.created.json')),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/type',
      },
    );
  });

  it('refuses a type from the URL that the internal route does not accept, listing the accepted ones', () => {
    const error = expectNormalizeError(
      () => normalizeInternal('grade.updated', fixture('generic/grade.updated.json')),
      { code: 'INLET_UNKNOWN_EVENT_TYPE', message: 'accepted: video.upload.completed, deep_link.created' },
    );
    // Another family's type: the sender's misconfiguration, refused rather than kept.
    expect(error.unknownEvent).toBeUndefined();
    const unknown = expectNormalizeError(
      () => normalizeInternal('course.archived', { id: 'archive-7', data: { courseId: 'c1' } }),
      { code: 'INLET_UNKNOWN_EVENT_TYPE' },
    );
    expect(unknown.unknownEvent).toEqual({ eventName: 'course.archived', senderEventId: 'archive-7' });
  });

  it('points into /data for an envelope and from the root for a bare body', () => {
    expectNormalizeError(
      () =>
        normalizeInternal('deep_link.created', {
          data: { ...(fixture('generic/deep_link.created.json').data as object), resourceType: 'page' },
        }),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/data/resourceType',
        message: '/data/resourceType must be one of: assessment, content, activity',
      },
    );
    expectNormalizeError(
      () =>
        normalizeInternal('deep_link.created', {
          linkId: 'dl_1',
          resourceType: 'content',
          contextId: 'c1',
          createdBy: 'u1',
        }),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/configuration',
        message: '/configuration is required',
      },
    );
  });

  it('refuses a non-integer sizeBytes', () => {
    expectNormalizeError(
      () => normalizeInternal('video.upload.completed', { videoId: 'v1', metadata: { sizeBytes: 1.5 } }),
      {
        code: 'INLET_INVALID_EVENT',
        field: '/metadata/sizeBytes',
        message: '/metadata/sizeBytes must be integer or null',
      },
    );
  });

  it('answers 400 for a body that is not a JSON object', () => {
    expectNormalizeError(() => normalizeInternal('deep_link.created', ['x']), {
      code: 'INLET_INVALID_EVENT',
      statusCode: 400,
    });
  });

  it('internal types are not accepted on the LTI route', () => {
    expectNormalizeError(() => normalizeLti(fixture('generic/video.upload.completed.json')), {
      code: 'INLET_UNKNOWN_EVENT_TYPE',
      field: '/type',
    });
  });
});
