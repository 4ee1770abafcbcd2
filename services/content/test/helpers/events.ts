import type { BehaviorItem, ContentChange, DeepLinkCreated, InletEvent } from '@inlet/schemas';
import { secondsAfter, testEnvelope, type EnvelopeOverrides } from '@inlet/service-kit/testing';

/** An epoch-ms time `seconds` after a fixed instant (2026-11-23T12:00:00Z), so tests read as "at 10". */
export const at = secondsAfter('2026-11-23T12:00:00.000Z');

export type { EnvelopeOverrides };

const envelope = testEnvelope({ source: 'test-lti', occurredAt: at(0) });

export function contentEvent<T extends 'content.created' | 'content.updated' | 'content.deleted'>(
  type: T,
  data: Partial<ContentChange> & Pick<ContentChange, 'contentId'>,
  overrides: EnvelopeOverrides = {},
): InletEvent<T> {
  return envelope(
    type,
    {
      contentType: 'assignment',
      resourceLinkId: null,
      contextId: 'course-1',
      title: null,
      url: null,
      body: null,
      ...data,
    },
    overrides,
  );
}

export function deepLinkEvent(
  data: Partial<DeepLinkCreated> & Pick<DeepLinkCreated, 'linkId'>,
  overrides: EnvelopeOverrides = {},
): InletEvent<'deep_link.created'> {
  return envelope(
    'deep_link.created',
    {
      resourceType: 'assessment',
      contextId: 'course-1',
      createdBy: 'instructor-1',
      configuration: '{"title":"Cells quiz","questionCount":10}',
      ...data,
    },
    overrides,
  );
}

/** One behavior item: [type, element, occurredAt]. */
export type Item = [BehaviorItem['type'], string, number];

export function behaviorEvent(
  userId: string,
  items: Item[],
  overrides: EnvelopeOverrides = {},
): InletEvent<'user.behavior'> {
  return envelope(
    'user.behavior',
    {
      userId,
      sessionId: 'session-1',
      events: items.map(([type, element, occurredAt]) => ({ type, element, occurredAt, metadata: null })),
    },
    overrides,
  );
}
