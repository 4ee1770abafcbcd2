import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isEventType, type EventType } from '@inlet/schemas';
import { genericTypesByFamily, type SourceEntry } from '@inlet/webhook-contract';
import { UsageError, errorMessage } from './errors.js';
import { resolveUserPath } from './paths.js';
import { sampleWebhook } from './samples.js';

export interface WebhookPayload {
  body: Record<string, unknown>;
  /** The canonical type when known (a sample, or a fixture's generic `type`): the internal route needs it. */
  eventType: string | undefined;
  /** What was sent, for the summary line: the type, or the fixture's path. */
  description: string;
}

/**
 * The body to send: the built-in sample of a canonical event type (checked against what the source's route
 * accepts), or a JSON fixture file, sent as it is (a Canvas, Moodle or Stripe native event, or a generic one).
 */
export function webhookPayload(
  source: SourceEntry,
  typeOrFixture: string,
  cwd: string,
  now: Date,
): WebhookPayload {
  if (isEventType(typeOrFixture)) {
    return {
      body: sampleFor(source, typeOrFixture, now),
      eventType: typeOrFixture,
      description: typeOrFixture,
    };
  }
  const path = resolveUserPath(typeOrFixture, cwd);
  if (!existsSync(path)) {
    throw new UsageError(
      `"${typeOrFixture}" is neither an event type nor a file; ${source.id} (${source.family}) takes ` +
        `${genericTypesByFamily[source.family].join(', ')}, or a JSON fixture path`,
      'send',
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`fixture ${typeOrFixture} is not JSON: ${errorMessage(error)}`, 'send');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new UsageError(`fixture ${typeOrFixture} must hold a JSON object`, 'send');
  }
  const record = body as Record<string, unknown>;
  return {
    body: record,
    eventType: typeof record.type === 'string' ? record.type : undefined,
    description: typeOrFixture,
  };
}

function sampleFor(source: SourceEntry, type: EventType, now: Date): Record<string, unknown> {
  const accepted = genericTypesByFamily[source.family];
  if (!accepted.includes(type)) {
    throw new UsageError(
      `${source.id} posts to the ${source.family} route, which does not take ${type}; it takes ${accepted.join(', ')}`,
      'send',
    );
  }
  return sampleWebhook(type, `evt_inlet_cli_${randomUUID().replaceAll('-', '')}`, now);
}
