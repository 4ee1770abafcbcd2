import { describe, expect, it } from 'vitest';
import { partitionKey } from '../src/index.js';
import { sampleEvents } from './support/sample-events.js';

describe('partitionKey', () => {
  it('keys each event by the entity whose events must stay in order', () => {
    expect(partitionKey(sampleEvents['grade.created'])).toBe(sampleEvents['grade.created'].data.userId);
    expect(partitionKey(sampleEvents['user.behavior'])).toBe(sampleEvents['user.behavior'].data.userId);
    expect(partitionKey(sampleEvents['member.added'])).toBe(sampleEvents['member.added'].data.contextId);
    expect(partitionKey(sampleEvents['course.enrolled'])).toBe(
      sampleEvents['course.enrolled'].data.contextId,
    );
    expect(partitionKey(sampleEvents['content.deleted'])).toBe(
      sampleEvents['content.deleted'].data.contentId,
    );
    expect(partitionKey(sampleEvents['deep_link.created'])).toBe(
      sampleEvents['deep_link.created'].data.linkId,
    );
    expect(partitionKey(sampleEvents['payment.refunded'])).toBe(
      sampleEvents['payment.refunded'].data.paymentId,
    );
    expect(partitionKey(sampleEvents['subscription.cancelled'])).toBe(
      sampleEvents['subscription.cancelled'].data.subscriptionId,
    );
    expect(partitionKey(sampleEvents['transcription.completed'])).toBe(
      sampleEvents['transcription.completed'].data.videoId,
    );
  });

  it('gives every event type a non-empty key', () => {
    for (const event of Object.values(sampleEvents))
      expect(partitionKey(event)).not.toMatch(/^(|undefined|null)$/);
  });
});
