/** How a consumer retries a failed message: exponential delays, capped, a bounded number of times. */
export interface RetryPolicy {
  initialDelayMs: number;
  factor: number;
  maxDelayMs: number;
  maxRetries: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  initialDelayMs: 1_000,
  factor: 2,
  maxDelayMs: 30_000,
  maxRetries: 3,
};

/** The delay of each retry tier: 1 s, 2 s, 4 s ... capped. Equal delays share one tier topic. */
export function retryDelays(policy: RetryPolicy): number[] {
  const delays: number[] = [];
  for (let attempt = 0; attempt < policy.maxRetries; attempt++) {
    delays.push(Math.min(policy.initialDelayMs * policy.factor ** attempt, policy.maxDelayMs));
  }
  return delays;
}
