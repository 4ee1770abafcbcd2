import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchemaVersionsByTopic } from '../../src/schema-files.js';
import { formatLikeRepository } from '../format.js';
import { generatedDir, renderEventFiles } from './events-source.js';

/** The generated files as they must be on disk: rendered, then formatted as prettier formats the repository. */
export async function formattedEventFiles(
  versions?: SchemaVersionsByTopic,
  eventRecords?: Readonly<Record<string, string>>,
): Promise<Map<string, string>> {
  const formatted = new Map<string, string>();
  for (const [name, text] of renderEventFiles(versions, eventRecords)) {
    formatted.set(name, await formatLikeRepository(text, join(generatedDir, name)));
  }
  return formatted;
}

/** Every TypeScript file now in src/generated/, by file name. */
export function eventFilesOnDisk(): Map<string, string> {
  const names = readdirSync(generatedDir).filter((name) => name.endsWith('.ts'));
  return new Map(names.sort().map((name) => [name, readFileSync(join(generatedDir, name), 'utf8')]));
}
