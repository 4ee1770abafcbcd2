import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { E2eBenchOptions } from './e2e-options.js';
import type { SignedWebhook } from './signed-requests.js';

/** A 202 and when it arrived (this machine's clock, as PostgreSQL's now() is). */
export interface AcceptedWebhook {
  eventId: string;
  acceptedAt: number;
  /** Sent during the measured run (not the warm-up). */
  measured: boolean;
}

export interface LoadOutcome {
  /** Requests sent in the measured run, and the seconds from its first send to its last. */
  sentMeasured: number;
  measuredSeconds: number;
  accepted: AcceptedWebhook[];
  /** Every answer but 202, by status, warm-up included. */
  otherStatuses: Map<number, number>;
  /** Requests that got no answer (connection error or a 30 s timeout), by message. */
  errors: Map<string, number>;
  /** The most requests waiting for an answer at once; `inFlightCap` of them means the rate was not kept. */
  maxInFlight: number;
}

/** Past this many unanswered requests the sender waits: the ingress is not keeping up, and memory is finite. */
export const inFlightCap = 5_000;
const tickMs = 2;
const timeoutMs = 30_000;

/**
 * Sends rate × (warm-up + duration) webhooks on a schedule that does not wait for answers (an open loop:
 * senders do not slow down because the ingress does). Each tick sends what the schedule says is due by now, so
 * a late tick catches up instead of lowering the rate; a machine too busy to keep the pace shows as a sent/s
 * below the asked rate. node:http with a keep-alive agent: a fraction of fetch's CPU per request, which
 * matters on two cores shared with everything under test.
 */
export async function paceWebhooks(
  url: string,
  options: Pick<E2eBenchOptions, 'rate' | 'durationSeconds' | 'warmupSeconds'>,
  webhook: (index: number) => SignedWebhook,
): Promise<LoadOutcome> {
  const outcome: LoadOutcome = {
    sentMeasured: 0,
    measuredSeconds: 0,
    accepted: [],
    otherStatuses: new Map(),
    errors: new Map(),
    maxInFlight: 0,
  };
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const target = new URL(url);
  const warmupCount = Math.round(options.rate * options.warmupSeconds);
  const total = warmupCount + Math.round(options.rate * options.durationSeconds);
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  let measuredFrom: number | undefined;
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor((options.rate * (performance.now() - started)) / 1000));
    while (sent < due && inFlight.size < inFlightCap) {
      const measured = sent >= warmupCount;
      if (measured) {
        measuredFrom ??= performance.now();
        outcome.sentMeasured++;
      }
      const pending = post(agent, target, webhook(sent), measured, outcome).finally(() =>
        inFlight.delete(pending),
      );
      inFlight.add(pending);
      sent++;
    }
    outcome.maxInFlight = Math.max(outcome.maxInFlight, inFlight.size);
    await sleep(tickMs);
  }
  const sendingEnded = performance.now();
  outcome.measuredSeconds = (sendingEnded - (measuredFrom ?? sendingEnded)) / 1000;
  await Promise.all(inFlight);
  agent.destroy();
  return outcome;
}

/** One POST; resolves (never rejects) once its answer, or its failure, is recorded in `outcome`. */
function post(
  agent: Agent,
  target: URL,
  webhook: SignedWebhook,
  measured: boolean,
  outcome: LoadOutcome,
): Promise<void> {
  return new Promise((resolve) => {
    const failed = (error: Error) => {
      outcome.errors.set(error.message, (outcome.errors.get(error.message) ?? 0) + 1);
      resolve();
    };
    const outgoing = request(
      target,
      {
        method: 'POST',
        agent,
        headers: { ...webhook.headers, 'content-length': Buffer.byteLength(webhook.body) },
        timeout: timeoutMs,
      },
      (response) => {
        // The 202's arrival: its status line and headers are in (the body follows in the same packet).
        const acceptedAt = Date.now();
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', failed);
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if (status === 202) {
            const { eventId } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { eventId: string };
            outcome.accepted.push({ eventId, acceptedAt, measured });
          } else {
            outcome.otherStatuses.set(status, (outcome.otherStatuses.get(status) ?? 0) + 1);
          }
          resolve();
        });
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    outgoing.on('error', failed);
    outgoing.end(webhook.body);
  });
}
