import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { Compile } from 'typebox/compile';
import { parse as parseYaml } from 'yaml';
import { familyAllowsScheme, schemesByFamily } from './auth-schemes.js';
import { SourcesConfigError } from './sources-error.js';
import { authSchemaByScheme, SourcesFile, SourcesFileOutline, type SourceEntry } from './sources-schema.js';
import { describeValidationError } from './validation-errors.js';

const outline = Compile(SourcesFileOutline);
const authValidators = Object.fromEntries(
  Object.entries(authSchemaByScheme).map(([scheme, schema]) => [scheme, Compile(schema)]),
);
const whole = Compile(SourcesFile);

export interface ReadSourcesOptions {
  /** Where the path came from (e.g. `INLET_SOURCES_FILE`), named when the file does not exist. */
  pathOrigin?: string;
}

/** Reads and checks a sources file (YAML or JSON). Secrets stay references: see resolveSecrets. */
export function readSourcesFile(path: string, options: ReadSourcesOptions = {}): SourceEntry[] {
  const origin = options.pathOrigin ? ` (${options.pathOrigin})` : '';
  if (!existsSync(path)) throw new SourcesConfigError(`sources file ${path}${origin} does not exist`);
  let document: unknown;
  try {
    document = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SourcesConfigError(`sources file ${path} is not valid YAML/JSON: ${(error as Error).message}`);
  }
  return parseSourcesFile(document, path);
}

/**
 * Checks a parsed sources document against the schema and the rules a schema cannot say: unique ids, a scheme
 * the source's route family allows, addresses that are IPs or CIDRs, a jwt source with secrets or a JWKS URL.
 * `origin` (the file) starts every message.
 */
export function parseSourcesFile(document: unknown, origin: string): SourceEntry[] {
  if (!outline.Check(document)) {
    throw new SourcesConfigError(`${origin}: ${describeValidationError(outline.Errors(document))}`);
  }
  // Each auth is checked against its own scheme's settings, so an error names a field of that scheme.
  document.sources.forEach((source, index) => {
    const validator = authValidators[source.auth.scheme]!;
    if (!validator.Check(source.auth)) {
      const where = `/sources/${index}/auth`;
      throw new SourcesConfigError(
        `${origin}: ${describeValidationError(validator.Errors(source.auth), where)}`,
      );
    }
  });
  if (!whole.Check(document)) {
    throw new SourcesConfigError(`${origin}: ${describeValidationError(whole.Errors(document))}`);
  }
  const seen = new Set<string>();
  document.sources.forEach((source, index) => {
    const at = `${origin}: sources[${index}]`;
    if (seen.has(source.id)) throw new SourcesConfigError(`${at}.id "${source.id}" is used twice`);
    seen.add(source.id);
    checkSource(source, at);
  });
  return document.sources;
}

function checkSource(source: SourceEntry, at: string): void {
  if (!familyAllowsScheme(source.family, source.auth.scheme)) {
    throw new SourcesConfigError(
      `${at}.auth.scheme "${source.auth.scheme}" is not accepted on the ${source.family} route ` +
        `(use ${schemesByFamily[source.family].join(', ')})`,
    );
  }
  for (const [index, cidr] of (source.allowIps ?? []).entries()) {
    if (!isCidrOrIp(cidr))
      throw new SourcesConfigError(`${at}.allowIps[${index}] "${cidr}" is not an IP or CIDR`);
  }
  if (source.auth.scheme === 'jwt' && !source.auth.secrets && !source.auth.jwksUrl) {
    throw new SourcesConfigError(`${at}.auth needs secrets (HS256) or jwksUrl`);
  }
}

function isCidrOrIp(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  if (rest.length > 0 || !address || isIP(address) === 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return Number.isInteger(bits) && bits >= 0 && bits <= (isIP(address) === 4 ? 32 : 128);
}
