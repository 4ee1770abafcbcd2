import { request as httpRequest } from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaBrokers, testKafka, uniqueName, waitFor } from '@inlet/test-harness';
import { declaredTopics } from '@inlet/topics';
import { startServiceProcess, type ServiceProcess } from './support/service-process.js';

import {
  bodyLimit,
  families,
  hostileRequest,
  secrets,
  sourceOf,
  sourcesFile,
  type HostileRequest,
} from './support/hostile-requests.js';
// Generated hostile requests at the real ingress process, on every route family: each must be refused with a
// status its route documents, as problem+json with a code, and put nothing on any Inlet topic.

/** The statuses of the webhook routes' `response` schemas (services/ingress/src/routes/webhooks.ts) below 500. */
const documented = new Set([400, 401, 403, 404, 413, 415, 422, 429]);

/** Requests per family; 4 × 300 = 1,200 in all. */
const runsPerFamily = 300;

// ---- the test ------------------------------------------------------------------------------------------------

describe('hostile requests at every route family', () => {
  let ingress: ServiceProcess;
  let admin: Admin;
  const topics = declaredTopics({ replicationFactor: 1 })
    .filter((topic) => topic.role === 'main' || topic.role === 'unmapped')
    .map((topic) => topic.name);
  const tally = {
    family: new Map<string, number>(),
    status: new Map<string, number>(),
    kind: new Map<string, number>(),
  };
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inlet-hostile-'));
    await writeFile(join(dir, 'sources.yaml'), sourcesFile);
    ingress = await startServiceProcess('ingress', {
      KAFKA_BROKERS: kafkaBrokers().join(','),
      INLET_SOURCES_FILE: join(dir, 'sources.yaml'),
      BODY_LIMIT_BYTES: String(bodyLimit),
      // Failed authentications are most of these requests; the per-address budget is another test's subject.
      AUTH_FAILURE_LIMIT: '1000000',
      ...secrets,
    });
    admin = testKafka(uniqueName('hostile-admin')).admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.disconnect();
    expect(await ingress?.stop()).toBe(0);
    const line = (map: Map<string, number>) =>
      [...map]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, n]) => `${key}: ${n}`)
        .join(', ');
    const total = [...tally.family.values()].reduce((sum, n) => sum + n, 0);
    console.log(
      `hostile requests: ${total}\n  per family: ${line(tally.family)}\n  per status: ${line(tally.status)}\n` +
        `  per kind: ${line(tally.kind)}`,
    );
  });

  const endOffsets = async () =>
    new Map(
      await Promise.all(
        topics.map(async (topic) => [topic, await admin.fetchTopicOffsets(topic)] as const),
      ).then((entries) =>
        entries.flatMap(([topic, partitions]) =>
          partitions.map((p) => [`${topic}/${p.partition}`, p.offset] as const),
        ),
      ),
    );

  /** The records that arrived between two offset snapshots and came from this run's sources. */
  async function ownRecordsBetween(before: Map<string, string>, after: Map<string, string>) {
    const moved = [...after].filter(([key, offset]) => before.get(key) !== offset);
    if (moved.length === 0) return [];
    const consumer = testKafka().consumer({ groupId: uniqueName('hostile-reader') });
    await consumer.connect();
    const movedTopics = [...new Set(moved.map(([key]) => key.slice(0, key.lastIndexOf('/'))))];
    await consumer.subscribe({ topics: movedTopics });
    const remaining = new Map(moved.map(([key, offset]) => [key, BigInt(offset)]));
    const own: string[] = [];
    void consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const key = `${topic}/${partition}`;
        const source = String(message.headers?.['inlet-source'] ?? '');
        if (Object.values(sourceOf).includes(source)) own.push(`${key}@${message.offset} from ${source}`);
        if (BigInt(message.offset) + 1n >= (remaining.get(key) ?? 0n)) remaining.delete(key);
      },
    });
    for (const [key] of moved) {
      const at = key.lastIndexOf('/');
      consumer.seek({
        topic: key.slice(0, at),
        partition: Number(key.slice(at + 1)),
        offset: before.get(key) ?? '0',
      });
    }
    await waitFor(() => remaining.size === 0, {
      timeoutMs: 30_000,
      what: 'the records between the snapshots',
    });
    await consumer.disconnect();
    return own;
  }

  /**
   * An oversized body is refused from its Content-Length before it is read, and the connection closed: a client
   * still writing the body then loses the answer to EPIPE or a reset. So for those, only the headers go out and
   * the answer is read; every other request is sent whole.
   */
  async function post(url: string, request: HostileRequest) {
    const headers = { 'content-type': request.contentType, ...request.headers };
    if (request.kind !== 'oversized') {
      const response = await fetch(url, { method: 'POST', headers, body: request.body });
      return {
        status: response.status,
        contentType: response.headers.get('content-type'),
        text: await response.text(),
      };
    }
    return new Promise<{ status: number; contentType: string | null; text: string }>((resolve, reject) => {
      const outgoing = httpRequest(url, {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(request.body)) },
      });
      outgoing.on('response', (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            contentType: response.headers['content-type'] ?? null,
            text,
          });
          outgoing.destroy();
        });
      });
      outgoing.on('error', reject);
      outgoing.flushHeaders();
    });
  }

  it(`refuses ${runsPerFamily * families.length} generated hostile requests with documented 4xx and produces nothing`, async () => {
    const before = await endOffsets();
    for (const family of families) {
      await fc.assert(
        fc.asyncProperty(hostileRequest(family), async ({ build }) => {
          const request = await build();
          const response = await post(`${ingress.url}${request.path}`, request);
          const text = response.text;
          count(tally.family, family);
          count(tally.status, String(response.status));
          count(tally.kind, request.kind);
          const what = `${request.kind} ${request.path} -> ${response.status} ${text.slice(0, 300)}`;
          expect(documented.has(response.status), what).toBe(true);
          expect(response.contentType, what).toMatch(/^application\/problem\+json/);
          expect(JSON.parse(text), what).toMatchObject({ code: expect.stringMatching(/^INLET_[A-Z_]+$/) });
        }),
        { numRuns: runsPerFamily },
      );
    }
    const after = await endOffsets();
    // Other test files may produce to the same topics meanwhile; none of their records names this run's sources.
    expect(await ownRecordsBetween(before, after)).toEqual([]);
    const moved = [...after].filter(([key, offset]) => before.get(key) !== offset).length;
    console.log(`end offsets of ${topics.length} topics: ${moved} partitions moved (other test files)`);
  }, 300_000);
});
