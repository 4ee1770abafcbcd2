import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmbeddedRegistry } from '@inlet/schemas';

/**
 * A stand-in for a Confluent Schema Registry (a third-party server) that can be taken down: it serves
 * GET /schemas/ids/{id} from the embedded registry, so it knows every schema the test codec writes with. While
 * down it answers the first requests 503 (as a registry behind a load balancer does) and then drops the
 * connection without an answer (as a stopped one does).
 */
export interface FakeRegistry {
  url: string;
  /** Requests received, answered or not. */
  readonly requests: number;
  /** Requests answered with a schema. */
  readonly served: number;
  down(): void;
  up(): void;
  close(): Promise<void>;
}

export async function startFakeRegistry(options: { answer503s?: number } = {}): Promise<FakeRegistry> {
  const embedded = new EmbeddedRegistry();
  const answer503s = options.answer503s ?? 2;
  let isDown = false;
  let refusedWhileDown = 0;
  let requests = 0;
  let served = 0;
  const server: Server = createServer((request, response) => {
    requests++;
    if (isDown) {
      if (refusedWhileDown++ < answer503s) {
        response.writeHead(503, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
        response.end(JSON.stringify({ error_code: 50003, message: 'Error while forwarding the request' }));
      } else {
        request.socket.destroy();
      }
      return;
    }
    const lookup = /^\/schemas\/ids\/(\d+)$/.exec(request.url ?? '');
    if (request.method !== 'GET' || !lookup) {
      response.writeHead(404).end();
      return;
    }
    embedded.schemaById(Number(lookup[1])).then(
      (schema) => {
        served++;
        response.writeHead(200, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
        response.end(JSON.stringify({ schema: JSON.stringify(schema) }));
      },
      () => {
        response.writeHead(404, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
        response.end(JSON.stringify({ error_code: 40403, message: 'Schema not found' }));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    get served() {
      return served;
    },
    down() {
      isDown = true;
      refusedWhileDown = 0;
    },
    up() {
      isDown = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
