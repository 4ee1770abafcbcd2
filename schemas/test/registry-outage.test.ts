import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ConfluentSchemaRegistry,
  createEventCodec,
  SchemaNotFoundError,
  SchemaRegistryError,
  SchemaRegistryUnavailableError,
  type AvroRecordSchema,
} from '../src/index.js';
import { sampleEvents } from './support/sample-events.js';

/** A registry server (a third party) that answers every request as `respond` says. */
async function startRegistry(
  respond: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(respond);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const answer = (status: number, body: unknown) => (_: IncomingMessage, response: ServerResponse) => {
  response.writeHead(status, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
  response.end(JSON.stringify(body));
};

const schema: AvroRecordSchema = {
  type: 'record',
  name: 'Probe',
  namespace: 'inlet.test',
  fields: [{ name: 'a', type: 'string', doc: 'a field' }],
};

describe('ConfluentSchemaRegistry: down is not the same as refused', () => {
  const servers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });
  const registryAt = async (respond: Parameters<typeof startRegistry>[0], timeoutMs = 2_000) => {
    const server = await startRegistry(respond);
    servers.push(server);
    return new ConfluentSchemaRegistry({ url: server.url, timeoutMs });
  };
  const failureOf = (pending: Promise<unknown>) =>
    pending.then(
      () => undefined,
      (error: unknown) => error,
    );

  it.each([
    ['503', answer(503, { error_code: 50003, message: 'Error while forwarding the request' })],
    ['500', answer(500, { error_code: 50001, message: 'Error in the backend data store' })],
    ['429', answer(429, { error_code: 429, message: 'Too many requests' })],
    ['401 (credentials refused)', answer(401, { error_code: 401, message: 'Unauthorized' })],
    ['403 (not allowed)', answer(403, { error_code: 40301, message: 'User is denied operation' })],
    ['a dropped connection', (request: IncomingMessage) => request.socket.destroy()],
    [
      'a connection dropped in the middle of the body',
      (request: IncomingMessage, response: ServerResponse) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        response.write('{"schema": "');
        setTimeout(() => request.socket.destroy(), 20);
      },
    ],
  ])('reports %s as SchemaRegistryUnavailableError', async (_, respond) => {
    const registry = await registryAt(respond);
    for (const error of [
      await failureOf(registry.schemaById(7)),
      await failureOf(registry.idFor('t', schema)),
    ]) {
      expect(error).toBeInstanceOf(SchemaRegistryUnavailableError);
      expect(error).toBeInstanceOf(SchemaRegistryError);
      expect(error).toMatchObject({ code: 'INLET_SCHEMA_REGISTRY_UNAVAILABLE', retryable: true });
    }
  });

  it('reports a registry that does not answer in time as SchemaRegistryUnavailableError', async () => {
    const registry = await registryAt(() => undefined, 200);
    const error = await failureOf(registry.schemaById(7));
    expect(error).toBeInstanceOf(SchemaRegistryUnavailableError);
    expect(error).toMatchObject({ status: undefined, retryable: true });
  });

  it('reports refusals as a plain, non-retryable SchemaRegistryError, and an unknown id as SchemaNotFoundError', async () => {
    const refusing = await registryAt(answer(409, { error_code: 409, message: 'incompatible' }));
    const refused = await failureOf(refusing.idFor('t', schema));
    expect(refused).not.toBeInstanceOf(SchemaRegistryUnavailableError);
    expect(refused).toMatchObject({ code: 'INLET_SCHEMA_REGISTRY_ERROR', status: 409, retryable: false });

    const unknown = await registryAt(answer(404, { error_code: 40403, message: 'Schema not found' }));
    expect(await failureOf(unknown.schemaById(7))).toBeInstanceOf(SchemaNotFoundError);
  });

  it('passes the outage through the codec, both ways, and never calls it undecodable', async () => {
    const writer = createEventCodec({ registry: new ConfluentSchemaRegistry({ url: 'http://127.0.0.1:1' }) });
    const encodeError = await failureOf(writer.encode(sampleEvents['grade.created']));
    expect(encodeError).toBeInstanceOf(SchemaRegistryUnavailableError);

    const down = await registryAt(answer(503, { error_code: 50003, message: 'down' }));
    const value = Buffer.from([0, 0, 0, 0, 7, 2]);
    const decodeError = await failureOf(createEventCodec({ registry: down }).decode(value));
    expect(decodeError).toBeInstanceOf(SchemaRegistryUnavailableError);
  });
});
