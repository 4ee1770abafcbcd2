import type { Admin } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { serviceTopics } from '@inlet/topics';
import { recordsOnTopic } from './kafka.js';
import { webhookBodies } from './memory-bodies.js';
import { flood, type FloodOutcome } from './memory-flood.js';
import type { BodyShape, MemoryBenchOptions } from './memory-options.js';
import { watchMemory, type MemoryPeaks } from './memory-watch.js';
import { readMemory } from './process-memory.js';
import type { RunningService } from './processes.js';
import { ltiEventsPath, signedWebhook } from './signed-requests.js';
import { benchSourceId } from './targets.js';

export interface StallRun {
  shape: BodyShape;
  bodyBytes: number;
  idleRssBytes: number;
  /** Small webhooks before the stall: all must be 202. */
  warmup: FloodOutcome;
  /** Large webhooks while the broker is frozen. */
  stall: FloodOutcome;
  peaks: MemoryPeaks;
  /** Small webhooks once the broker is back and the ingress accepts again: all must be 202. */
  recovery: FloodOutcome;
  /** Seconds from the thaw to the first 202. */
  recoverySeconds: number;
  rssAfterBytes: number;
  /** The ingress's process was still running after the stall (a heap overflow kills it). */
  survived: boolean;
  /** 202s answered in the run, and records the shape's topic gained meanwhile. */
  accepted: number;
  recorded: number;
}

export interface StallTarget {
  ingress: RunningService;
  secret: string;
  admin: Admin;
  freezeBroker(): void;
  thawBroker(): void;
}

const smallBodyBytes = 2_000;
/** Answers a frozen broker may cause: held and produced after all, refused as busy, or timed out. */
export const stallAnswers = ['202', '503 INLET_INGRESS_BUSY', '503 INLET_KAFKA_UNAVAILABLE'];

/**
 * One stall: the ingress idles, takes small webhooks, then the broker freezes (SIGSTOP: connections stay open
 * and nothing answers, the worst outage for memory) while `connections` senders keep posting large bodies for
 * `stallSeconds`; then the broker thaws and the ingress must accept small webhooks again, in the same process.
 */
export async function runStall(
  target: StallTarget,
  shape: BodyShape,
  options: MemoryBenchOptions,
  bodyBytes: number,
): Promise<StallRun> {
  const { ingress } = target;
  const topic = serviceTopics(shape === 'text' ? 'content' : 'grades').main;
  const recordsBefore = await recordsOnTopic(target.admin, topic);
  const signed = (bodies: (index: number) => string, offset: number) => (index: number) =>
    signedWebhook(target.secret, bodies(offset + index));
  const send = (bodies: (index: number) => string, offset: number, connections: number, seconds: number) =>
    flood({
      url: ingress.url,
      path: ltiEventsPath(benchSourceId),
      connections,
      durationMs: seconds * 1000,
      webhook: signed(bodies, offset),
    });
  const small = webhookBodies(shape, smallBodyBytes);

  await sleep(2_000);
  const idleRssBytes = (await readMemory(ingress.nodePid)).rssBytes;
  const warmup = await send(small, 0, 8, 3);

  target.freezeBroker();
  const watch = watchMemory(ingress.nodePid, ingress.url);
  const stall = await send(
    webhookBodies(shape, bodyBytes),
    1_000_000,
    options.connections,
    options.stallSeconds,
  );
  const peaks = await watch.stop();
  target.thawBroker();

  const survived = isRunning(ingress.nodePid);
  const thawedAt = Date.now();
  const firstAccepted = survived ? await acceptedAgain(ingress.url, small, target.secret) : false;
  const recoverySeconds = (Date.now() - thawedAt) / 1000;
  const recovery = firstAccepted
    ? await send(small, 2_000_000, 8, 3)
    : { sent: 0, answers: new Map(), errors: new Map() };
  const rssAfterBytes = survived ? (await readMemory(ingress.nodePid)).rssBytes : 0;
  const accepted = [warmup, stall, recovery].reduce((sum, run) => sum + (run.answers.get('202') ?? 0), 0);
  const recorded = (await recordsOnTopic(target.admin, topic)) - recordsBefore;
  return {
    shape,
    bodyBytes,
    idleRssBytes,
    warmup,
    stall,
    peaks,
    recovery,
    recoverySeconds,
    rssAfterBytes,
    survived,
    accepted: accepted + (firstAccepted ? 1 : 0),
    recorded,
  };
}

/** After the thaw kafkajs reconnects; until then the ingress answers 503. True at the first 202 (60 s at most). */
async function acceptedAgain(
  url: string,
  bodies: (index: number) => string,
  secret: string,
): Promise<boolean> {
  const giveUpAt = Date.now() + 60_000;
  for (let index = 3_000_000; Date.now() < giveUpAt; index++) {
    const webhook = signedWebhook(secret, bodies(index));
    const response = await fetch(`${url}${ltiEventsPath(benchSourceId)}`, {
      method: 'POST',
      headers: webhook.headers,
      body: webhook.body,
    }).catch(() => undefined);
    await response?.arrayBuffer();
    if (response?.status === 202) return true;
    await sleep(250);
  }
  return false;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
