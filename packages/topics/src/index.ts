export {
  declaredTopics,
  replicationFactorFromEnv,
  retryConsumerGroup,
  serviceNames,
  serviceTopics,
  topicMaxMessageBytes,
  topicsOwnedBy,
  unmappedTopic,
  type DeclarationOptions,
  type OwnedTopicSpec,
  type RetryTier,
  type ServiceName,
  type ServiceTopics,
  type TopicOwner,
  type TopicRole,
  type TopicSpec,
} from './declaration.js';
export { defaultRetryPolicy, retryDelays, type RetryPolicy } from './retry-policy.js';
export { applyTopics, summarize, type ApplyOptions, type ApplyResult } from './apply.js';
export {
  aclsFor,
  dlqReaderGroupPrefix,
  isPrincipal,
  kafkaUserName,
  principals,
  type AclOperation,
  type AclRule,
  type Principal,
} from './permissions.js';
export {
  defaultStrimziOptions,
  renderStrimzi,
  strimziReplicationFactor,
  strimziResources,
  type StrimziOptions,
} from './strimzi.js';
