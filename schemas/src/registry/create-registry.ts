import { ConfluentSchemaRegistry } from './confluent-registry.js';
import { EmbeddedRegistry } from './embedded-registry.js';
import type { SchemaRegistry } from './schema-registry.js';

/** A Confluent Schema Registry when SCHEMA_REGISTRY_URL is set, else the embedded one (no server needed). */
export function createRegistry(env: NodeJS.ProcessEnv = process.env): SchemaRegistry {
  const url = env.SCHEMA_REGISTRY_URL?.trim();
  return url ? new ConfluentSchemaRegistry({ url }) : new EmbeddedRegistry();
}
