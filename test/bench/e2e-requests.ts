import { signedWebhook, type SignedWebhook } from './signed-requests.js';

const users = 5_000;
const linksPerUser = 20;

/**
 * The run's webhooks: generic-format grade.updated events of an LTI platform, signed with the sender's HMAC
 * secret as it sends them. Each carries its own `id`, so each is a new event (the ingress names an event by
 * its sender's id; a body without one would be named by its bytes, and equal bodies would be one event);
 * 5,000 learners spread them over the topic's partitions.
 */
export function gradeWebhooks(secret: string, run: string): (index: number) => SignedWebhook {
  return (index) => {
    const body = JSON.stringify({
      id: `bench-e2e-${run}-${index}`,
      type: 'grade.updated',
      data: {
        userId: `u-${(index % users) + 1}`,
        resourceLinkId: `rl-${Math.floor(index / users) % linksPerUser}`,
        contextId: 'course-bench',
        score: index % 101,
        maxScore: 100,
        timestamp: new Date().toISOString(),
      },
    });
    return signedWebhook(secret, body);
  };
}
