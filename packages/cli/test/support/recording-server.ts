import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface RecordingServer {
  url: string;
  requests: RecordedRequest[];
  /** What the next requests are answered with (default 202 and an accepted-event body). */
  answer: { status: number; body: unknown };
  close(): Promise<void>;
}

/** A stand-in ingress on a free port that records every request's exact bytes. */
export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const state: RecordingServer['answer'] = {
    status: 202,
    body: { eventId: '6f1d2c3b-4a59-8e7f-9a0b-1c2d3e4f5a6b', type: 'grade.updated', status: 'accepted' },
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks),
      });
      const json = state.status >= 400 ? 'application/problem+json' : 'application/json';
      response.writeHead(state.status, { 'content-type': json });
      response.end(JSON.stringify(state.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer: state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
