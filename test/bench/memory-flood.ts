import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SignedWebhook } from './signed-requests.js';

export interface FloodOptions {
  /** The ingress's base URL and the route posted to. */
  url: string;
  path: string;
  connections: number;
  durationMs: number;
  /** A new webhook (its own event id) for each request. */
  webhook: (index: number) => SignedWebhook;
}

export interface FloodOutcome {
  sent: number;
  /** Answers by status and problem code, e.g. "503 INLET_INGRESS_BUSY", or "202". */
  answers: Map<string, number>;
  /** Requests that got no answer, by message. */
  errors: Map<string, number>;
}

type Answer = { status: number; code: string | undefined } | { error: string };

/** A sender refused as busy tries again this soon: long enough not to spin, short enough to keep the budget full. */
const busyPauseMs = 50;
const answerTimeoutMs = 60_000;

/**
 * `connections` senders, each posting one webhook after the other for `durationMs`, then waiting for its last
 * answer. A webhook held by the ingress (waiting for Kafka) keeps its sender waiting; a refusal frees it at
 * once: so while the broker is frozen, whatever the ingress's budget admits is always taken.
 */
export async function flood(options: FloodOptions): Promise<FloodOutcome> {
  const outcome: FloodOutcome = { sent: 0, answers: new Map(), errors: new Map() };
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const target = new URL(options.url);
  const endAt = Date.now() + options.durationMs;
  let next = 0;

  const sender = async () => {
    while (Date.now() < endAt) {
      const answer = await post(agent, target, options.path, options.webhook(next++));
      outcome.sent++;
      if ('error' in answer) {
        count(outcome.errors, answer.error);
        continue;
      }
      const key = answer.code ? `${answer.status} ${answer.code}` : String(answer.status);
      count(outcome.answers, key);
      if (answer.code === 'INLET_INGRESS_BUSY') await sleep(busyPauseMs);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, sender));
  agent.destroy();
  return outcome;
}

function post(agent: Agent, target: URL, path: string, webhook: SignedWebhook): Promise<Answer> {
  return new Promise((resolve) => {
    let answered = false;
    const outgoing = request({
      agent,
      host: target.hostname,
      port: target.port,
      method: 'POST',
      path,
      headers: { ...webhook.headers, 'content-length': Buffer.byteLength(webhook.body) },
      timeout: answerTimeoutMs,
    });
    outgoing.on('response', (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, code: problemCode(chunks) }));
      response.on('error', (error) => resolve({ error: `answer cut: ${error.message}` }));
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer in ${answerTimeoutMs / 1000} s`)));
    // A refusal before the body is read may close the connection while the body is still being written:
    // the answer counts, the write's EPIPE does not.
    outgoing.on('error', (error) => {
      if (!answered) resolve({ error: error.message });
    });
    outgoing.end(webhook.body);
  });
}

function problemCode(chunks: Buffer[]): string | undefined {
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { code?: unknown };
    return typeof body.code === 'string' ? body.code : undefined;
  } catch {
    return undefined;
  }
}

function count(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
