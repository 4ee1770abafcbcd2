import type { AvroSchema } from '../avro-schema.js';
import {
  SchemaNotFoundError,
  SchemaRegistryError,
  SchemaRegistryUnavailableError,
  isUnavailableStatus,
  type SchemaRegistry,
} from './schema-registry.js';

export interface ConfluentRegistryOptions {
  /** The registry's base URL; credentials in it (https://key:secret@host) are sent as HTTP basic auth. */
  url: string;
  /** Per request; a registry that does not answer must not hold a producer forever. */
  timeoutMs?: number;
}

const contentType = 'application/vnd.schemaregistry.v1+json';

/**
 * A Confluent Schema Registry client (also fits Redpanda's and Apicurio's Confluent-compatible API). Subjects
 * follow the TopicNameStrategy: `<topic>-value`. Both directions are cached for the life of the process: an id
 * never changes its schema, and a schema once registered keeps its id.
 */
export class ConfluentSchemaRegistry implements SchemaRegistry {
  readonly #baseUrl: string;
  readonly #authorization: string | undefined;
  readonly #timeoutMs: number;
  readonly #ids = new Map<string, Promise<number>>();
  readonly #schemas = new Map<number, Promise<AvroSchema>>();

  constructor(options: ConfluentRegistryOptions) {
    const url = new URL(options.url);
    // fetch refuses URLs with credentials, and they must not end up in error messages either.
    this.#authorization =
      url.username || url.password
        ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`
        : undefined;
    url.username = '';
    url.password = '';
    this.#baseUrl = url.href.replace(/\/+$/, '');
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  idFor(topic: string, schema: AvroSchema): Promise<number> {
    const schemaText = JSON.stringify(schema);
    const key = `${topic}\n${schemaText}`;
    return this.#cached(this.#ids, key, async () => {
      const body = await this.#request('POST', `/subjects/${encodeURIComponent(`${topic}-value`)}/versions`, {
        schema: schemaText,
      });
      const id = (body as { id?: unknown }).id;
      if (!Number.isInteger(id)) throw new SchemaRegistryError('the schema registry answered without an id');
      // The producer's own schema: a consumer in this process reads it without another request.
      if (!this.#schemas.has(id as number)) this.#schemas.set(id as number, Promise.resolve(schema));
      return id as number;
    });
  }

  schemaById(id: number): Promise<AvroSchema> {
    return this.#cached(this.#schemas, id, async () => {
      const body = await this.#request('GET', `/schemas/ids/${id}`, undefined, id);
      const schema = (body as { schema?: unknown }).schema;
      if (typeof schema !== 'string') {
        throw new SchemaRegistryError(`the schema registry answered without a schema for id ${id}`);
      }
      return JSON.parse(schema) as AvroSchema;
    });
  }

  // Concurrent callers share one request; a failure is not cached, so the next call asks again.
  #cached<K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
    let pending = cache.get(key);
    if (!pending) {
      pending = load();
      cache.set(key, pending);
      pending.catch(() => cache.delete(key));
    }
    return pending;
  }

  async #request(method: 'GET' | 'POST', path: string, body?: unknown, schemaId?: number): Promise<unknown> {
    const headers: Record<string, string> = { accept: contentType };
    if (body !== undefined) headers['content-type'] = contentType;
    if (this.#authorization) headers.authorization = this.#authorization;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.#baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      // Inside the try: a connection that drops (or times out) while the body arrives is an outage too.
      text = await response.text();
    } catch (error) {
      throw new SchemaRegistryUnavailableError(
        `schema registry ${this.#baseUrl} did not answer ${method} ${path}`,
        { cause: error },
      );
    }
    if (response.ok) {
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        throw new SchemaRegistryError(`schema registry answered ${method} ${path} with invalid JSON`, {
          status: response.status,
          cause: error,
        });
      }
    }
    if (response.status === 404 && schemaId !== undefined) throw new SchemaNotFoundError(schemaId);
    const { error_code: registryErrorCode, message } = parseErrorBody(text);
    const reason = message ? `: ${message}` : '';
    const what = `schema registry answered ${method} ${path} with ${response.status}${reason}`;
    const details = { status: response.status, registryErrorCode };
    throw isUnavailableStatus(response.status)
      ? new SchemaRegistryUnavailableError(what, details)
      : new SchemaRegistryError(what, details);
  }
}

function parseErrorBody(text: string): { error_code?: number; message?: string } {
  try {
    const body = JSON.parse(text) as { error_code?: unknown; message?: unknown };
    return {
      error_code: typeof body.error_code === 'number' ? body.error_code : undefined,
      // The registry's message explains refusals (e.g. which compatibility rule broke); keep it short.
      message: typeof body.message === 'string' ? body.message.slice(0, 500) : undefined,
    };
  } catch {
    return {};
  }
}
