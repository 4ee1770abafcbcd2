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

/** The schema registry could not answer or refused: retryable unless the registry said the request was wrong. */
export class SchemaRegistryError extends Error {
  readonly code = 'INLET_SCHEMA_REGISTRY_ERROR';
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
    // No status: the registry did not answer (network, timeout). 5xx and 429: it may answer next time.
    this.retryable = options.status === undefined || options.status >= 500 || options.status === 429;
  }
}
