import { writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { openApiPath, renderOpenApi } from './openapi-document.js';

// npm run generate:openapi --workspace @inlet/ingress: rewrites openapi.json from the ingress's routes, formatted
// as prettier formats the repository (a test compares the file with the routes).
const options = await resolveConfig(openApiPath);
writeFileSync(openApiPath, await format(await renderOpenApi(), { ...options, filepath: openApiPath }));
console.log(`wrote ${openApiPath}`);
