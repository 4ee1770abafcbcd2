import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What reached the sink: export requests, their bytes, and the spans in them (counted, never parsed). */
export interface OtlpSinkCounts {
  exports: number;
  bytes: number;
  spans: number;
}

export interface OtlpSink {
  /** The OTEL_EXPORTER_OTLP_ENDPOINT to give a service, e.g. http://127.0.0.1:41234 */
  endpoint: string;
  counts(): OtlpSinkCounts;
  close(): Promise<void>;
}

// Every span of OTLP/JSON has exactly one "spanId" key (links and parents use other keys): counting the key
// counts the spans without the CPU a JSON.parse of every batch would take from the load generator.
const spanKey = Buffer.from('"spanId"');

/**
 * A collector that keeps nothing: answers 200 to every OTLP/HTTP export, so a traced service pays the whole
 * cost of recording, serialising and sending its spans, and the bench process pays as little as possible.
 */
export async function startOtlpSink(): Promise<OtlpSink> {
  const counts: OtlpSinkCounts = { exports: 0, bytes: 0, spans: 0 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      if (request.url === '/v1/traces') {
        counts.exports++;
        counts.bytes += body.length;
        counts.spans += occurrences(body, spanKey);
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts: () => ({ ...counts }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function occurrences(haystack: Buffer, needle: Buffer): number {
  let found = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length))
    found++;
  return found;
}
