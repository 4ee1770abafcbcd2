import { createHmac } from 'node:crypto';
import type { LoadRequest } from './autocannon.js';

/** The LTI route, naming the benchmark's sender as the ingress requires (?source=). */
export function ltiEventsPath(sourceId: string): string {
  return `/webhooks/lti/events?source=${sourceId}`;
}

/** A generic-format grade webhook as an LTI platform sends it; userId is the Kafka partition key. */
export function gradeWebhookBody(userId: string): string {
  return JSON.stringify({
    type: 'grade.updated',
    data: {
      userId,
      resourceLinkId: 'l-1',
      score: 85,
      maxScore: 100,
      timestamp: '2026-11-23T12:00:00Z',
    },
  });
}

/** A webhook as the benchmark's hmac sender posts it. */
export interface SignedWebhook {
  body: string;
  headers: Record<string, string>;
}

/** The body with the headers an hmac sender sends with it: JSON, and its signature. */
export function signedWebhook(secret: string, body: string): SignedWebhook {
  return {
    body,
    headers: { 'content-type': 'application/json', 'x-webhook-signature': hmacSignature(secret, body) },
  };
}

/** What an hmac sender puts in X-Webhook-Signature: the hex HMAC-SHA256 of the exact bytes sent. */
export function hmacSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * `count` correctly signed webhooks for different users, signed once up front so the load generator spends
 * no CPU on HMACs; different users spread the records over the topic's partitions.
 */
export function signedGradeRequests(options: { secret: string; path: string; count: number }): LoadRequest[] {
  return Array.from({ length: options.count }, (_, index) => {
    return {
      method: 'POST',
      path: options.path,
      ...signedWebhook(options.secret, gradeWebhookBody(`u-${index + 1}`)),
    };
  });
}
