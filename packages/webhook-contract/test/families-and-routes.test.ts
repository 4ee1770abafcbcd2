import { eventTypes as eventTypeInfo, type EventType } from '@inlet/schemas';
import { describe, expect, it } from 'vitest';
import {
  acceptsGenericType,
  familyAllowsScheme,
  familyOfGenericType,
  genericTypesByFamily,
  isRouteFamily,
  routeFamilies,
  schemesByFamily,
  sourceIdOf,
  sourceIdPattern,
  webhookPath,
} from '../src/index.js';

const eventTypes = Object.keys(eventTypeInfo) as EventType[];

describe('route families', () => {
  it('give every canonical event type exactly one family', () => {
    for (const type of eventTypes) {
      const families = routeFamilies.filter((family) => acceptsGenericType(family, type));
      expect(families, type).toHaveLength(1);
      expect(familyOfGenericType(type)).toBe(families[0]);
    }
    const listed = routeFamilies.flatMap((family) => genericTypesByFamily[family]);
    expect([...listed].sort()).toEqual([...eventTypes].sort());
  });

  it('accept only their own generic types', () => {
    expect(acceptsGenericType('lti', 'grade.updated')).toBe(true);
    expect(acceptsGenericType('lti', 'payment.success')).toBe(false);
    expect(acceptsGenericType('internal', 'video.upload.completed')).toBe(true);
    expect(acceptsGenericType('services', 'not.a.type')).toBe(false);
  });

  it('are known by name', () => {
    expect(routeFamilies.every(isRouteFamily)).toBe(true);
    expect(isRouteFamily('payments')).toBe(false);
  });

  it('allow only their own auth schemes', () => {
    expect(familyAllowsScheme('lti', 'canvas-jwt')).toBe(true);
    expect(familyAllowsScheme('lti', 'stripe')).toBe(false);
    expect(familyAllowsScheme('internal', 'hmac')).toBe(false);
    expect(schemesByFamily.internal).toEqual(['jwt']);
  });
});

describe('webhook URLs', () => {
  it('name the source in the path or the query, as each family’s route does', () => {
    expect(webhookPath('lti', 'canvas-prod')).toBe('/webhooks/lti/events?source=canvas-prod');
    expect(webhookPath('services', 'transcriber')).toBe('/webhooks/services/transcriber');
    expect(webhookPath('commerce', 'stripe')).toBe('/api/webhooks/stripe');
    expect(webhookPath('internal', 'platform', 'video.upload.completed')).toBe(
      '/webhooks/internal/video.upload.completed?source=platform',
    );
  });

  it('are read back to the source id the same way', () => {
    const request = { params: { serviceId: 'svc', provider: 'pay' }, query: { source: 'lms' } };
    expect(sourceIdOf('lti', request)).toBe('lms');
    expect(sourceIdOf('services', request)).toBe('svc');
    expect(sourceIdOf('commerce', request)).toBe('pay');
    expect(sourceIdOf('internal', { params: {}, query: {} })).toBeUndefined();
  });

  it('escape what they carry, and take only lower-case ids', () => {
    expect(webhookPath('internal', 'a', 'x/y')).toBe('/webhooks/internal/x%2Fy?source=a');
    const id = new RegExp(sourceIdPattern);
    expect(id.test('canvas-prod')).toBe(true);
    expect(id.test('Canvas')).toBe(false);
    expect(id.test('-leading')).toBe(false);
  });
});
