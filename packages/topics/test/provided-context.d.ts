// The root vitest global setup (packages/test-harness) provides the run's broker under these keys.
declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string[];
    /** The connection variables of the run's broker's SASL_SSL listener; null when it has none. */
    kafkaSecureEnv: Record<string, string> | null;
  }
}
export {};
