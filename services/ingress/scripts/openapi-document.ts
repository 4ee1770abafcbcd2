import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.js';
import { createMetrics } from '../src/metrics.js';
import type { AcceptDependencies } from '../src/pipeline/accept-webhook.js';
import { createDedupeWindow } from '../src/pipeline/dedupe-window.js';

/** Where the document lives in the repository: services/ingress/openapi.json. */
export const openApiPath: string = fileURLToPath(new URL('../openapi.json', import.meta.url));

export const regenerateCommand = 'npm run generate:openapi --workspace @inlet/ingress';

function unused(): never {
  throw new Error('no webhook is accepted while the OpenAPI document is built');
}

// The routes and their schemas do not depend on the configured sources or on Kafka, so an app with no source
// and a pipeline that is never called describes the same API as the running ingress.
const noPipeline: AcceptDependencies = {
  verifierFor: unused,
  encode: unused,
  produce: unused,
  encodeUnmapped: unused,
  dedupe: createDedupeWindow({}),
  now: Date.now,
};

/** The OpenAPI document the ingress serves at GET /openapi.json, from an app built only to ask it. */
export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const app = await buildApp({
    sources: [],
    pipeline: noPipeline,
    metrics: createMetrics(),
    kafka: { reachable: false, lastError: undefined },
    bodyLimit: 1_048_576,
    retryAfterSeconds: 5,
    trustedProxies: [],
  });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}

/** The document as the file holds it, before prettier. */
export async function renderOpenApi(): Promise<string> {
  return `${JSON.stringify(await buildOpenApiDocument(), null, 2)}\n`;
}
