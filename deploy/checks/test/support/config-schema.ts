import { readRepoFile } from './repo.js';

/**
 * A service's environment schema, read from its src/config.ts as TEXT: the checks never import a service's
 * code (a service never imports another; that holds for them too). The `env-schema` object there is a plain literal, so a small tokenizer
 * finds its `required` list and the keys of `properties` with their `type`, `enum` and `default`.
 */
export interface SchemaProperty {
  name: string;
  type?: string;
  enum?: string[];
  default?: string;
}

export interface EnvSchema {
  properties: Map<string, SchemaProperty>;
  required: string[];
}

export function readEnvSchema(serviceDir: string): EnvSchema {
  return parseEnvSchema(readRepoFile(`${serviceDir}/src/config.ts`));
}

export function parseEnvSchema(source: string): EnvSchema {
  const start = source.indexOf('const schema');
  const text = start >= 0 ? source.slice(start) : source;
  const propertiesAt = text.search(/\bproperties\s*:/);
  if (propertiesAt < 0) throw new Error('config.ts: no `properties:` in the env schema');
  const requiredAt = text.search(/\brequired\s*:/);
  return {
    properties: parseProperties(tokenize(text, propertiesAt)),
    required: requiredAt >= 0 ? parseStringList(tokenize(text, requiredAt)) : [],
  };
}

interface Token {
  kind: 'ident' | 'string' | 'punct' | 'other';
  value: string;
}

/** Tokens of `text` from `from` on; comments are dropped, strings keep their unescaped content. */
function* tokenize(text: string, from: number): Generator<Token> {
  let i = from;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\') {
          value += text[j + 1] ?? '';
          j += 2;
        } else {
          value += text[j];
          j += 1;
        }
      }
      yield { kind: 'string', value };
      i = j + 1;
    } else if (/[A-Za-z_$]/.test(c)) {
      const match = /^[\w$]+/.exec(text.slice(i))!;
      yield { kind: 'ident', value: match[0] };
      i += match[0].length;
    } else if (/[0-9]/.test(c)) {
      const match = /^[\w.]+/.exec(text.slice(i))!;
      yield { kind: 'other', value: match[0] };
      i += match[0].length;
    } else {
      yield { kind: 'punct', value: c };
      i += 1;
    }
  }
}

const opening = new Set(['{', '[', '(']);
const closing = new Set(['}', ']', ')']);

/** Reads `properties: { KEY: { type: ..., enum: [...], default: ... }, ... }` up to its closing brace. */
function parseProperties(tokens: Generator<Token>): Map<string, SchemaProperty> {
  const properties = new Map<string, SchemaProperty>();
  let depth = 0;
  let previous: Token | undefined;
  let pendingKey: string | undefined;
  let current: SchemaProperty | undefined;
  let field: string | undefined; // the key inside a property's object whose value comes next
  let inEnum = false;
  for (const token of tokens) {
    if (token.kind === 'punct' && opening.has(token.value)) {
      depth += 1;
      if (depth === 3 && field === 'enum') inEnum = true;
    } else if (token.kind === 'punct' && closing.has(token.value)) {
      depth -= 1;
      if (depth === 2) inEnum = false;
      if (depth === 0) break;
    } else if (token.kind === 'punct' && token.value === ':') {
      if (depth === 1 && pendingKey !== undefined) {
        current = { name: pendingKey };
        properties.set(pendingKey, current);
      } else if (depth === 2 && previous && previous.kind !== 'punct') {
        field = previous.value;
      }
      pendingKey = undefined;
    } else if (depth === 1 && (token.kind === 'ident' || token.kind === 'string')) {
      pendingKey = previous?.value === '{' || previous?.value === ',' ? token.value : undefined;
    } else if (depth === 2 && current && field && previous?.value === ':') {
      if (field === 'type' && token.kind === 'string') current.type = token.value;
      if (field === 'default') current.default = token.value;
    } else if (inEnum && current && token.kind === 'string') {
      (current.enum ??= []).push(token.value);
    }
    if (token.kind === 'punct' && token.value === ',' && depth === 2) field = undefined;
    previous = token;
  }
  return properties;
}

/** Reads `required: ['A', 'B']`. */
function parseStringList(tokens: Generator<Token>): string[] {
  const values: string[] = [];
  let started = false;
  for (const token of tokens) {
    if (token.kind === 'punct' && token.value === '[') started = true;
    else if (token.kind === 'punct' && token.value === ']') break;
    else if (started && token.kind === 'string') values.push(token.value);
  }
  return values;
}
