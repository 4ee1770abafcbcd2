import { writeFileSync } from 'node:fs';
import { asyncApiPath, renderAsyncApi } from '../src/asyncapi/document.js';
import { formatLikeRepository } from './format.js';

// npm run generate:asyncapi --workspace @inlet/schemas: rewrites asyncapi.json from the topic declaration and
// the schemas.
writeFileSync(asyncApiPath, await formatLikeRepository(renderAsyncApi(), asyncApiPath));
console.log(`wrote ${asyncApiPath}`);
