/** Generic `{type, data}` events on the LTI route map to canonical grade, member and content events. */
import { describe, expect, it } from 'vitest';
import { normalizeLti } from '../../src/normalize/index.js';
import { fixture } from './helpers.js';

describe('generic events on the LTI route', () => {
  it('maps grade.updated with every field, timestamp and sender id', () => {
    expect(normalizeLti(fixture('generic/grade.updated.json'))).toEqual({
      type: 'grade.updated',
      data: {
        gradeId: 'grade789',
        userId: 'user123',
        resourceLinkId: 'link456',
        contextId: 'course-bio-101',
        score: 85,
        maxScore: 100,
        gradingProgress: 'FullyGraded',
        comment: 'Good analysis; cite your sources.',
      },
      occurredAt: Date.UTC(2024, 0, 1, 12, 0, 0),
      sourceEventName: null,
      senderEventId: 'whevt_01HS3K8V5QZ7M2N4P6R8T0W2Y4',
    });
  });

  it("accepts the webhook API's own documented test event (no gradeId, no id): absent values become null", () => {
    const documentedTestEvent = {
      type: 'grade.updated',
      data: {
        userId: 'user123',
        resourceLinkId: 'link456',
        score: 85,
        maxScore: 100,
        timestamp: '2024-01-01T12:00:00Z',
      },
    };
    expect(normalizeLti(documentedTestEvent)).toEqual({
      type: 'grade.updated',
      data: {
        gradeId: null,
        userId: 'user123',
        resourceLinkId: 'link456',
        contextId: null,
        score: 85,
        maxScore: 100,
        gradingProgress: null,
        comment: null,
      },
      occurredAt: Date.UTC(2024, 0, 1, 12, 0, 0),
      sourceEventName: null,
      senderEventId: null,
    });
  });

  it('lets grade.deleted leave out the score', () => {
    const event = normalizeLti({
      type: 'grade.deleted',
      data: { userId: 'u1', resourceLinkId: 'l1', gradeId: 'g1' },
    });
    expect(event.type).toBe('grade.deleted');
    expect(event.data).toMatchObject({ score: null, maxScore: null, gradeId: 'g1' });
    expect(event.occurredAt).toBeNull();
  });

  it('maps member.added', () => {
    expect(normalizeLti(fixture('generic/member.added.json'))).toEqual({
      type: 'member.added',
      data: {
        contextId: 'course-bio-101',
        userId: 'user123',
        roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
        status: null,
      },
      occurredAt: Date.UTC(2024, 0, 8, 16, 20, 33),
      sourceEventName: null,
      senderEventId: null,
    });
  });

  it('maps content.created', () => {
    expect(normalizeLti(fixture('generic/content.created.json'))).toEqual({
      type: 'content.created',
      data: {
        contentId: 'content-42',
        contentType: null,
        resourceLinkId: 'link456',
        contextId: null,
        title: 'Photosynthesis explained',
        url: 'https://guide.example.com/content/content-42',
        body: null,
      },
      occurredAt: Date.UTC(2024, 1, 1, 9, 30, 0),
      sourceEventName: null,
      senderEventId: null,
    });
  });
});
