import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ConfluentSchemaRegistry,
  createEventCodec,
  SchemaNotFoundError,
  SchemaRegistryError,
  UndecodableEventError,
  type AvroRecordSchema,
} from '../src/index.js';
import { sampleEvents } from './support/sample-events.js';

/**
 * A fake of Confluent Schema Registry's REST API (a third-party server), implementing only the two endpoints the
 * client uses: POST /subjects/{subject}/versions and GET /schemas/ids/{id}. Like the real one, it gives the same
 * schema the same id and answers errors as {error_code, message}.
 */
interface FakeRegistry {
  url: string;
  requests: { method: string; path: string; contentType?: string; authorization?: string; body: string }[];
  /** The next responses to send instead of the normal answer (status and error body). */
  failNext: { status: number; errorCode: number; message: string }[];
  close(): Promise<void>;
}

async function startFakeRegistry(): Promise<FakeRegistry> {
  const idsBySchema = new Map<string, number>();
  const schemasById = new Map<number, string>();
  const fake: Omit<FakeRegistry, 'url' | 'close'> = { requests: [], failNext: [] };
  const read = async (request: IncomingMessage) => {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    return body;
  };
  const server: Server = createServer(async (request, response) => {
    const body = await read(request);
    const path = request.url ?? '';
    fake.requests.push({
      method: request.method ?? '',
      path,
      contentType: request.headers['content-type'],
      authorization: request.headers.authorization,
      body,
    });
    const answer = (status: number, payload: unknown) => {
      response.writeHead(status, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
      response.end(JSON.stringify(payload));
    };
    const failure = fake.failNext.shift();
    if (failure) return answer(failure.status, { error_code: failure.errorCode, message: failure.message });
    const register = /^\/subjects\/([^/]+)\/versions$/.exec(path);
    if (request.method === 'POST' && register) {
      const { schema } = JSON.parse(body) as { schema: string };
      const canonical = JSON.stringify(JSON.parse(schema));
      let id = idsBySchema.get(canonical);
      if (id === undefined) {
        id = idsBySchema.size + 1;
        idsBySchema.set(canonical, id);
        schemasById.set(id, schema);
      }
      return answer(200, { id });
    }
    const lookup = /^\/schemas\/ids\/(\d+)$/.exec(path);
    if (request.method === 'GET' && lookup) {
      const schema = schemasById.get(Number(lookup[1]));
      return schema === undefined
        ? answer(404, { error_code: 40403, message: 'Schema not found' })
        : answer(200, { schema });
    }
    answer(404, { error_code: 404, message: 'HTTP 404 Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...fake,
    get requests() {
      return fake.requests;
    },
    get failNext() {
      return fake.failNext;
    },
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

const schema: AvroRecordSchema = {
  type: 'record',
  name: 'Probe',
  namespace: 'inlet.test',
  fields: [{ name: 'a', type: 'string', doc: 'a field' }],
};

describe('ConfluentSchemaRegistry against a fake registry server', () => {
  let fake: FakeRegistry;
  beforeAll(async () => {
    fake = await startFakeRegistry();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.requests.length = 0;
    fake.failNext.length = 0;
  });

  it('registers under <topic>-value with the schema as a JSON string, once', async () => {
    const registry = new ConfluentSchemaRegistry({ url: `${fake.url}/` });
    const [first, second] = await Promise.all([
      registry.idFor('inlet.test.v1', schema),
      registry.idFor('inlet.test.v1', schema),
    ]);
    expect(first).toBe(second);
    expect(await registry.idFor('inlet.test.v1', schema)).toBe(first);
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/subjects/inlet.test.v1-value/versions',
      contentType: 'application/vnd.schemaregistry.v1+json',
    });
    expect(JSON.parse(JSON.parse(request!.body).schema)).toEqual(schema);
  });

  it('reads a schema by id once, then from its cache', async () => {
    const id = await new ConfluentSchemaRegistry({ url: fake.url }).idFor('inlet.test.v1', schema);
    const reader = new ConfluentSchemaRegistry({ url: fake.url });
    fake.requests.length = 0;
    await expect(reader.schemaById(id)).resolves.toEqual(schema);
    await expect(reader.schemaById(id)).resolves.toEqual(schema);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /schemas/ids/${id}`]);
  });

  it('rejects an unknown id with SchemaNotFoundError', async () => {
    const error = await new ConfluentSchemaRegistry({ url: fake.url })
      .schemaById(999)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaNotFoundError);
    expect((error as SchemaNotFoundError).schemaId).toBe(999);
  });

  it('carries the status of a refusal and does not cache failures', async () => {
    const registry = new ConfluentSchemaRegistry({ url: fake.url });
    fake.failNext.push({ status: 409, errorCode: 409, message: 'Schema being registered is incompatible' });
    const refused = await registry.idFor('inlet.refused.v1', schema).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SchemaRegistryError);
    expect(refused).toMatchObject({ status: 409, registryErrorCode: 409, retryable: false });
    expect((refused as Error).message).toMatch(/incompatible/);

    fake.failNext.push({ status: 503, errorCode: 50003, message: 'Error while forwarding the request' });
    const unavailable = await registry.idFor('inlet.refused.v1', schema).catch((e: unknown) => e);
    expect(unavailable).toMatchObject({
      code: 'INLET_SCHEMA_REGISTRY_UNAVAILABLE',
      status: 503,
      retryable: true,
    });

    await expect(registry.idFor('inlet.refused.v1', schema)).resolves.toBeGreaterThan(0);
  });

  it('sends credentials from the URL as basic auth and never shows them in errors', async () => {
    const url = new URL(fake.url);
    url.username = 'api-key';
    url.password = 's3cr3t/pass';
    const registry = new ConfluentSchemaRegistry({ url: url.href });
    await registry.idFor('inlet.auth.v1', schema);
    expect(fake.requests.at(-1)?.authorization).toBe(
      `Basic ${Buffer.from('api-key:s3cr3t/pass').toString('base64')}`,
    );
    fake.failNext.push({ status: 500, errorCode: 500, message: 'boom' });
    const error = (await registry.schemaById(12345).catch((e: unknown) => e)) as Error;
    expect(error.message).not.toMatch(/s3cr3t|api-key/);
  });

  it('reports a registry that does not answer as retryable', async () => {
    const closed = await startFakeRegistry();
    await closed.close();
    const error = await new ConfluentSchemaRegistry({ url: closed.url })
      .schemaById(1)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'INLET_SCHEMA_REGISTRY_UNAVAILABLE',
      status: undefined,
      retryable: true,
    });
  });

  it('backs the codec: ids from the registry in the wire format, writer schemas fetched to decode', async () => {
    const producer = createEventCodec({ registry: new ConfluentSchemaRegistry({ url: fake.url }) });
    const encoded = await producer.encode(sampleEvents['course.enrolled']);
    expect(encoded.value.readInt32BE(1)).toBe(encoded.schemaId);
    expect(fake.requests.at(-1)?.path).toBe('/subjects/inlet.membership.v1-value/versions');

    const consumer = createEventCodec({ registry: new ConfluentSchemaRegistry({ url: fake.url }) });
    await expect(consumer.decode(encoded.value, encoded.topic)).resolves.toStrictEqual(
      sampleEvents['course.enrolled'],
    );
    expect(fake.requests.at(-1)?.path).toBe(`/schemas/ids/${encoded.schemaId}`);

    const unknown = Buffer.from(encoded.value);
    unknown.writeInt32BE(424242, 1);
    await expect(consumer.decode(unknown)).rejects.toBeInstanceOf(UndecodableEventError);
  });
});
