import { randomUUID } from 'node:crypto';
import type { BehaviorItem, ContentChange, DeepLinkCreated, InletEvent } from '@inlet/schemas';

const base = Date.parse('2026-11-23T12:00:00.000Z');

/** An epoch-ms time `seconds` after a fixed instant (2026-11-23T12:00:00Z), so tests read as "at 10". */
export const at = (seconds: number): number => base + seconds * 1000;

export interface EnvelopeOverrides {
  eventId?: string;
  occurredAt?: number;
  source?: string;
}

function envelope<T extends InletEvent['type']>(
  type: T,
  data: InletEvent<T>['data'],
  overrides: EnvelopeOverrides,
): InletEvent<T> {
  return {
    eventId: overrides.eventId ?? randomUUID(),
    type,
    source: overrides.source ?? 'test-lti',
    sourceEventName: null,
    occurredAt: overrides.occurredAt ?? at(0),
    receivedAt: Date.now(),
    data,
  };
}

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
