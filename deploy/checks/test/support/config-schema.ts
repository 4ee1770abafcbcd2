import { configSchema as ingressConfig } from '@inlet/ingress/config';
import { content } from '@inlet/content/service';
import { grades } from '@inlet/grades/service';
import { media } from '@inlet/media/service';
import { membership } from '@inlet/membership/service';
import { payments } from '@inlet/payments/service';

/**
 * A service's environment schema: the very JSON Schema its process validates its environment with (each
 * service declares it once, with TypeBox), summarised for the checks: each variable's type, allowed values and
 * default, and which variables must be set.
 */
export interface SchemaProperty {
  name: string;
  type?: string;
  enum?: string[];
  default?: string;
}

export interface EnvSchema {
  properties: Map<string, SchemaProperty>;
  /** Variables with no default that the service cannot start without. */
  required: string[];
}

interface JsonSchemaProperty {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: { const?: unknown }[];
  default?: unknown;
}

interface JsonSchemaObject {
  properties: Record<string, JsonSchemaProperty>;
  required?: string[];
}

const declared: Record<string, JsonSchemaObject> = {
  'services/ingress': ingressConfig,
  'services/grades': grades.configSchema,
  'services/membership': membership.configSchema,
  'services/content': content.configSchema,
  'services/payments': payments.configSchema,
  'services/media': media.configSchema,
};

export function readEnvSchema(serviceDir: string): EnvSchema {
  const schema = declared[serviceDir];
  if (!schema)
    throw new Error(`${serviceDir}: no config schema is known for it (add it to config-schema.ts)`);
  return summarise(schema);
}

export function summarise(schema: JsonSchemaObject): EnvSchema {
  const properties = new Map<string, SchemaProperty>();
  for (const [name, property] of Object.entries(schema.properties)) {
    const allowed = property.enum ?? property.anyOf?.map((member) => member.const);
    properties.set(name, {
      name,
      ...(typeof property.type === 'string' ? { type: property.type } : {}),
      ...(allowed?.every((value) => typeof value === 'string') ? { enum: allowed as string[] } : {}),
      ...(property.default !== undefined ? { default: String(property.default) } : {}),
    });
  }
  // TypeBox lists a setting with a default as required too (env-schema fills defaults in before it checks).
  const required = (schema.required ?? []).filter((name) => schema.properties[name]?.default === undefined);
  return { properties, required };
}
