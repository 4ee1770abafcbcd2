import { writeFileSync } from 'node:fs';
import { catalogPath, renderCatalog } from './catalog.js';

// npm run catalog --workspace @inlet/schemas: rewrites CATALOG.md from the schemas.
writeFileSync(catalogPath, renderCatalog());
console.log(`wrote ${catalogPath}`);
