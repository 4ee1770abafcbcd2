import { writeFileSync } from 'node:fs';
import { catalogPath, renderCatalog } from '../src/catalog.js';

// npm run generate:catalog --workspace @inlet/schemas: rewrites CATALOG.md from the schemas and the event types.
writeFileSync(catalogPath, renderCatalog());
console.log(`wrote ${catalogPath}`);
