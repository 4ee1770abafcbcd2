import type { AvroSchema } from '../avro-schema.js';

/**
 * Where schema ids come from and go to. The producer asks for the id of the schema it writes with (and puts it in
 * every value's header); the consumer asks for the writer's schema by that id to read the value.
 */
export interface SchemaRegistry {
  /** The id under which `schema` is registered for `topic`'s values, registering it when it is new. */
  idFor(topic: string, schema: AvroSchema): Promise<number>;
  /** The schema registered under `id`; rejects with SchemaNotFoundError when there is none. */
  schemaById(id: number): Promise<AvroSchema>;
}

/** No schema has this id: data written with it cannot be read (permanent). */
export class SchemaNotFoundError extends Error {
  readonly code = 'INLET_SCHEMA_NOT_FOUND';
  readonly retryable = false;
  readonly schemaId: number;

  constructor(schemaId: number) {
    super(`no schema is registered under id ${schemaId}`);
    this.name = 'SchemaNotFoundError';
    this.schemaId = schemaId;
  }
}

export type SchemaRegistryErrorCode = 'INLET_SCHEMA_REGISTRY_ERROR' | 'INLET_SCHEMA_REGISTRY_UNAVAILABLE';

/**
 * The schema registry refused a request or answered something unusable; when it is down, the Confluent client
 * throws the subclass SchemaRegistryUnavailableError. `retryable` still follows the status (none, 5xx, 429) for
 * registries that report an outage with this class itself.
 */
export class SchemaRegistryError extends Error {
  readonly code: SchemaRegistryErrorCode = 'INLET_SCHEMA_REGISTRY_ERROR';
  /** The HTTP status, when the registry answered. */
  readonly status: number | undefined;
  /** Confluent's error_code (e.g. 409 incompatible schema, 42201 invalid schema), when it sent one. */
  readonly registryErrorCode: number | undefined;
  readonly retryable: boolean;

  constructor(
    message: string,
    options: { status?: number; registryErrorCode?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SchemaRegistryError';
    this.status = options.status;
    this.registryErrorCode = options.registryErrorCode;
    // No status: the registry did not answer (network, timeout). 5xx, 429, 401/403: it may answer next time.
    this.retryable = options.status === undefined || isUnavailableStatus(options.status);
  }
}

/**
 * The registry is down, not wrong: it did not answer in time, could not be reached, or answered 5xx or 429.
 * Nothing is wrong with the event or the value being read, so callers treat it as an outage of a dependency
 * (the ingress answers 503, a consumer redelivers the message without spending an attempt), never as the
 * message's failure.
 */
export class SchemaRegistryUnavailableError extends SchemaRegistryError {
  override readonly code = 'INLET_SCHEMA_REGISTRY_UNAVAILABLE';

  constructor(
    message: string,
    options: { status?: number; registryErrorCode?: number; cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'SchemaRegistryUnavailableError';
  }
}

/**
 * Whether a registry's answer with this status means "not usable now" rather than "this schema is wrong": down
 * (5xx), throttling (429), or refusing our credentials (401/403, a rotated key). None of them is the message's
 * fault, so none may dead-letter it; an operator fixes the registry or the credentials and the message goes on.
 */
export function isUnavailableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 401 || status === 403;
}
