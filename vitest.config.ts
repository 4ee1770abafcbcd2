import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript sources under this condition (see tsconfig.base.json),
// so tests run the sources of every package without a build step.
// Vitest drops 'module' from Vite's server conditions too: packages whose "module" build is not valid Node ESM
// (e.g. @opentelemetry/api's extensionless imports) must load through their Node entry.
const conditions = [
  '@inlet/source',
  ...defaultServerConditions.filter((condition) => condition !== 'module'),
];

// One run for every workspace; all test files share the global setup that starts ONE real Kafka broker
// (packages/test-harness) for the whole run.
export default defineConfig({
  resolve: { conditions },
  environments: {
    ssr: { resolve: { conditions } },
    __vitest__: { resolve: { conditions } },
  },
  test: {
    include: ['{schemas,packages,services,deploy}/**/test/**/*.test.ts', 'test/{e2e,chaos}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // kafkajs warns on every producer that its v2 default partitioner changed; Inlet always used v2's.
    env: { KAFKAJS_NO_PARTITIONER_WARNING: '1' },
    globalSetup: ['./packages/test-harness/src/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
