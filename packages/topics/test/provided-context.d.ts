// The root vitest global setup (packages/test-harness) provides the run's broker under this key.
declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string[];
  }
}
export {};
