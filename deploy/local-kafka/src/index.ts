export { startKafka, type RunningKafka } from './start-kafka.js';
export { defaultOptions, type LocalKafkaOptions } from './options.js';
export { LocalKafkaError } from './errors.js';
export { waitUntilReady } from './readiness.js';
