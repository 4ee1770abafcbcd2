import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { openApiPath, regenerateCommand, renderOpenApi } from '../scripts/openapi-document.js';

const onDisk = (): Record<string, unknown> =>
  JSON.parse(readFileSync(openApiPath, 'utf8')) as Record<string, unknown>;

describe('services/ingress/openapi.json', () => {
  it("is what the ingress's routes generate", async () => {
    const options = await resolveConfig(openApiPath);
    const fresh = await format(await renderOpenApi(), { ...options, filepath: openApiPath });
    expect(
      readFileSync(openApiPath, 'utf8') === fresh,
      `services/ingress/openapi.json is out of date: run \`${regenerateCommand}\` and commit it`,
    ).toBe(true);
  });

  it('is a valid OpenAPI 3 document', async () => {
    // validate() dereferences the document it is given in place, so it gets its own copy.
    const api = await SwaggerParser.validate(onDisk() as never);
    expect('openapi' in api && api.openapi).toMatch(/^3\./);
  });

  it('describes every webhook route with its 202 answer and problem+json refusals', () => {
    const paths = onDisk().paths as Record<string, { post?: { responses: Record<string, unknown> } }>;
    for (const path of [
      '/webhooks/lti/events',
      '/webhooks/services/{serviceId}',
      '/api/webhooks/{provider}',
      '/webhooks/internal/{eventType}',
    ]) {
      expect(Object.keys(paths[path]?.post?.responses ?? {})).toEqual(
        expect.arrayContaining(['202', '400', '401', '404', '413', '422', '429', '503']),
      );
    }
  });
});
