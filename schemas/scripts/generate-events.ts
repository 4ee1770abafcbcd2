import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventFilesOnDisk, formattedEventFiles } from './codegen/event-files.js';
import { generatedDir } from './codegen/events-source.js';

// npm run generate:events --workspace @inlet/schemas: rewrites src/generated/ from the Avro schemas and
// src/event-records.ts, and removes a generated file that no longer has a source (a service's topic gone).
const files = await formattedEventFiles();
mkdirSync(generatedDir, { recursive: true });
for (const stale of eventFilesOnDisk().keys()) {
  if (!files.has(stale)) rmSync(join(generatedDir, stale));
}
for (const [name, text] of files) {
  writeFileSync(join(generatedDir, name), text);
  console.log(`wrote ${join(generatedDir, name)}`);
}
