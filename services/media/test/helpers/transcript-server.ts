import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * A transcript host on 127.0.0.1 (port 0): the only place tests send HTTP to. Each path answers as its route
 * says, and the server counts requests and notes when a client hung up before an answer was complete.
 */
export interface TranscriptServer {
  port: number;
  /** http://127.0.0.1:<port><path> */
  url(path: string): string;
  route(path: string, handler: Route): void;
  hits(path: string): number;
  /** Paths whose client closed the connection before the answer was sent in full. */
  abandoned(): string[];
  close(): Promise<void>;
}

export async function startTranscriptServer(): Promise<TranscriptServer> {
  const routes = new Map<string, Route>();
  const hits = new Map<string, number>();
  const abandoned: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    response.on('close', () => {
      if (!response.writableFinished) abandoned.push(path);
    });
    const handler = routes.get(path);
    if (handler) handler(request, response);
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('no such transcript');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    route: (path, handler) => routes.set(path, handler),
    hits: (path) => hits.get(path) ?? 0,
    abandoned: () => [...abandoned],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers `body` with a Content-Type and Content-Length. */
export const text =
  (body: string | Buffer, contentType = 'text/vtt; charset=utf-8'): Route =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
    response.end(body);
  };

/** Answers a bare status. */
export const status =
  (code: number, headers: Record<string, string> = {}): Route =>
  (_request, response) => {
    response.writeHead(code, { 'content-type': 'text/plain', ...headers }).end(`status ${code}`);
  };

/** Sends the headers, then never the body: only a timeout ends it. */
export const stall: Route = (_request, response) => {
  response.writeHead(200, { 'content-type': 'text/vtt' });
  response.write('WEBVTT\n\n');
};

/**
 * Streams `totalBytes` of cue text in 16 KiB chunks without a Content-Length (chunked), each chunk after the
 * client drained the last, so a client that stops reading makes it stop too.
 */
export const endless =
  (totalBytes: number): Route =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/vtt' });
    const chunk = Buffer.alloc(16 * 1024, 'word ');
    let sent = 0;
    const pump = () => {
      while (sent < totalBytes && !response.destroyed) {
        sent += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      if (!response.destroyed) response.end();
    };
    response.write('WEBVTT\n\n00:00.000 --> 00:01.000\n');
    pump();
  };

/** Answers with `first` for the first `times` requests, then with `then`. */
export function failingFirst(times: number, first: Route, then: Route): Route {
  let seen = 0;
  return (request, response) => {
    seen += 1;
    (seen <= times ? first : then)(request, response);
  };
}
