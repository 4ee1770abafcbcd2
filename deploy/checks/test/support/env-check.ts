import type { EnvSchema } from './config-schema.js';

/** Variables read by the OpenTelemetry SDK (the shared telemetry package), not by a service's own schema. */
export const isOpenTelemetryVariable = (name: string): boolean => /^OTEL_[A-Z0-9_]+$/.test(name);

/**
 * What is wrong with the environment `env` given to a service whose config schema is `schema`: a variable the
 * schema does not declare (a typo, or a setting of another service), a required one missing, or a value of the
 * wrong type. `alsoAllowed` names variables read by something else than the schema (the ingress's sources file
 * secrets). Values still to be interpolated (`${VAR:-}`) are not type-checked. Empty when all is well.
 */
export function envProblems(
  env: Record<string, string>,
  schema: EnvSchema,
  alsoAllowed: ReadonlySet<string> = new Set(),
): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    const property = schema.properties.get(name);
    if (!property) {
      if (!isOpenTelemetryVariable(name) && !alsoAllowed.has(name)) {
        problems.push(`${name} is not a property of the config schema`);
      }
      continue;
    }
    if (value.includes('${')) continue;
    if (property.type === 'integer' && !/^-?\d+$/.test(value)) {
      problems.push(`${name}=${JSON.stringify(value)} is not an integer`);
    }
    if (property.type === 'number' && Number.isNaN(Number(value))) {
      problems.push(`${name}=${JSON.stringify(value)} is not a number`);
    }
    if (property.type === 'boolean' && !['true', 'false'].includes(value)) {
      problems.push(`${name}=${JSON.stringify(value)} is not true or false`);
    }
    if (property.enum && !property.enum.includes(value)) {
      problems.push(`${name}=${JSON.stringify(value)} is not one of ${property.enum.join(', ')}`);
    }
  }
  for (const name of schema.required) {
    if (env[name] === undefined) problems.push(`required ${name} is not set`);
  }
  return problems;
}
