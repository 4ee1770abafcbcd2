export {
  describeKafkaConnection,
  kafkaClientConfig,
  loadKafkaConnection,
  securityProtocols,
  type ConnectionOrigin,
  type KafkaConnection,
  type LoadOptions,
  type SecurityProtocol,
} from './connection.js';
export { explainKafkaConnectError } from './explain-connect-error.js';
export {
  createOAuthTokenProvider,
  type OAuthClientCredentials,
  type OAuthTokenProviderOptions,
} from './oauth-token-provider.js';
export { saslMechanisms, type SaslMechanism } from './sasl-options.js';
export { KafkaSettingsError } from './settings-error.js';
