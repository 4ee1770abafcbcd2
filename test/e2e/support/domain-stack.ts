import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createTestDatabase,
  kafkaBrokers,
  startOtlpReceiver,
  waitFor,
  type TestDatabase,
} from '@inlet/test-harness';
import { startIngress, type E2eIngress } from './ingress.js';
import { startServiceProcess, type ServiceProcess } from './service-process.js';

export const domainServices = ['membership', 'content', 'payments', 'media'] as const;
type DomainService = (typeof domainServices)[number];

/** The ingress and the four domain services, each its own process and database, on the run's real Kafka. */
export interface DomainStack {
  /** A suffix of this run for ids and search words, so nothing collides with other tests' records. */
  unique: string;
  ingress: E2eIngress;
  running: Record<DomainService, ServiceProcess>;
  /** The transcript host: http://127.0.0.1:<port>; paths under /down/ answer 503 forever (a host in an outage). */
  transcriptBase: string;
  otlp: Awaited<ReturnType<typeof startOtlpReceiver>>;
  /** Stops every process (SIGTERM) and returns their exit codes, then drops the databases. */
  stop(): Promise<(number | null)[]>;
}

export async function startDomainStack(): Promise<DomainStack> {
  const unique = randomBytes(4).toString('hex');
  // media may reach the local transcript host only because this allows private addresses
  // (TRANSCRIPT_ALLOW_PRIVATE_ADDRESSES, off by default).
  const transcripts: Server = createServer((request, response) => {
    if (request.url?.startsWith('/down/')) return void response.writeHead(503).end();
    response
      .setHeader('content-type', 'text/vtt')
      .end(
        `WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nToday we study mitochondria${unique} and cell energy.\n`,
      );
  });
  const otlp = await startOtlpReceiver();
  const telemetry = { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint, OTEL_BSP_SCHEDULE_DELAY: '100' };
  await new Promise<void>((resolve) => transcripts.listen(0, '127.0.0.1', resolve));
  const transcriptBase = `http://127.0.0.1:${(transcripts.address() as AddressInfo).port}`;
  const mediaEnv = {
    TRANSCRIPT_HOSTS: '127.0.0.1',
    TRANSCRIPT_ALLOW_HTTP: 'true',
    TRANSCRIPT_ALLOW_PRIVATE_ADDRESSES: 'true',
  };
  const databases: TestDatabase[] = [];
  const running: Partial<Record<DomainService, ServiceProcess>> = {};
  const [ingress] = await Promise.all([
    startIngress(telemetry),
    ...domainServices.map(async (service) => {
      const database = await createTestDatabase();
      databases.push(database);
      running[service] = await startServiceProcess(service, {
        KAFKA_BROKERS: kafkaBrokers().join(','),
        DATABASE_URL: database.url,
        ...(service === 'media' ? { ...mediaEnv, ...telemetry } : {}),
      });
    }),
  ]);
  return {
    unique,
    ingress,
    running: running as Record<DomainService, ServiceProcess>,
    transcriptBase,
    otlp,
    async stop() {
      const codes = [];
      for (const service of Object.values(running)) codes.push(await service.stop());
      codes.push(await ingress.stop());
      await Promise.all(databases.map((database) => database.drop()));
      transcripts.close();
      otlp.close();
      return codes;
    },
  };
}

/** GETs `path` until `accept` says the answer shows the effect (bounded). */
export async function eventually<T>(
  service: ServiceProcess,
  path: string,
  accept: (body: T) => boolean,
): Promise<T> {
  return waitFor(
    async () => {
      const response = await fetch(`${service.url}${path}`);
      if (response.status !== 200) return undefined;
      const body = (await response.json()) as T;
      return accept(body) ? body : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 200, what: `${path} to show the effect` },
  );
}
