import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from './wait.js';

export interface ReceivedSpan {
  service: string;
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  attributes: Record<string, unknown>;
}

export interface ExpectedSpan {
  service: string;
  name: string;
}

interface OtlpJson {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: { spans?: OtlpSpan[] }[];
  }[];
}
interface OtlpAttribute {
  key: string;
  value: Record<string, unknown>;
}
interface OtlpSpan {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes?: OtlpAttribute[];
}

/**
 * An OTLP/HTTP (JSON) trace receiver inside the test: the services export to it exactly as they would to an
 * OpenTelemetry Collector, and the test reads the spans of every process.
 */
export async function startOtlpReceiver(): Promise<{
  endpoint: string;
  spans: ReceivedSpan[];
  waitForTrace(traceId: string, expected: ExpectedSpan[], timeoutMs?: number): Promise<ReceivedSpan[]>;
  close(): void;
}> {
  const spans: ReceivedSpan[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.url === '/v1/traces') spans.push(...parse(JSON.parse(body) as OtlpJson));
      response.setHeader('content-type', 'application/json').end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    // Each process exports on its own schedule, so one service's spans can arrive before another's: wait for
    // every expected span, not just the last one in causal order.
    waitForTrace: (traceId, expected, timeoutMs = 30_000) =>
      waitFor(
        () => {
          const inTrace = spans.filter((span) => span.traceId === traceId);
          const missing = expected.filter(
            ({ service, name }) => !inTrace.some((span) => span.service === service && span.name === name),
          );
          return missing.length === 0 ? inTrace : undefined;
        },
        { timeoutMs, what: `spans ${expected.map(({ service, name }) => `${service}/${name}`).join(', ')}` },
      ),
    close: () => server.close(),
  };
}

function parse(document: OtlpJson): ReceivedSpan[] {
  return (document.resourceSpans ?? []).flatMap((resourceSpan) => {
    const service = String(attributes(resourceSpan.resource?.attributes)['service.name']);
    return (resourceSpan.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => ({
        service,
        name: span.name,
        kind: span.kind,
        traceId: span.traceId,
        spanId: span.spanId,
        parentSpanId: span.parentSpanId || undefined,
        attributes: attributes(span.attributes),
      })),
    );
  });
}

function attributes(list: OtlpAttribute[] = []): Record<string, unknown> {
  return Object.fromEntries(list.map(({ key, value }) => [key, Object.values(value)[0]]));
}

/** The span ids above `span` in `spans`, nearest first: frameworks may put spans between two we care about. */
export function ancestorsOf(span: ReceivedSpan, spans: ReceivedSpan[]): string[] {
  const parent = spans.find((candidate) => candidate.spanId === span.parentSpanId);
  return parent ? [parent.spanId, ...ancestorsOf(parent, spans)] : [];
}
