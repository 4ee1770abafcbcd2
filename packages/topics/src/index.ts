export {
  declaredTopics,
  replicationFactorFromEnv,
  serviceNames,
  serviceTopics,
  type DeclarationOptions,
  type RetryTier,
  type ServiceName,
  type ServiceTopics,
  type TopicSpec,
} from './declaration.js';
export { defaultRetryPolicy, retryDelays, type RetryPolicy } from './retry-policy.js';
export { applyTopics, summarize, type ApplyOptions, type ApplyResult } from './apply.js';
