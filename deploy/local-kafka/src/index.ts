export { startKafka, type RunningKafka } from './start-kafka.js';
export {
  defaultOptions,
  securityFromEnv,
  type LocalKafkaOptions,
  type LocalKafkaSecurity,
} from './options.js';
export { makeCertificateAuthority, type CertificateAuthority } from './certificates.js';
export { connectionVariables, secretVariables } from './client-env.js';
export { LocalKafkaError } from './errors.js';
export { waitUntilReady } from './readiness.js';
export { containerPolicy, dockerAnswers, type ContainerPolicy } from './containers.js';
export { chooseKafkaSource, type KafkaSource } from './kafka-source.js';
export { kafkaContainerImage } from './container-kafka.js';
