import { readFileSync } from 'node:fs';
import { usesSharedSecret, type PrivateSigningKey, type SourceEntry } from '@inlet/webhook-contract';
import { parseCommandLine, positiveInteger, requirePositionals } from '../args.js';
import { CliFailure, UsageError, errorMessage } from '../errors.js';
import { writeLine, type CliIo } from '../io.js';
import { isLocalUrl, localStackEnv, localStackSourcesFile } from '../local-stack.js';
import { resolveUserPath } from '../paths.js';
import { applySettings } from '../set-fields.js';
import { privateSigningKey, signAsSender } from '../signers.js';
import { loadSource, resolveSecret } from '../sources.js';
import { webhookPayload } from '../webhook-payload.js';
import { webhookUrl } from '../webhook-url.js';

export const defaultIngressUrl = 'http://127.0.0.1:8080';

/** `inlet send <source> <type|fixture>`: sign a sample webhook with the source's real scheme and post it. */
export async function sendCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine('send', args, {
    options: {
      url: { type: 'string' },
      sources: { type: 'string' },
      set: { type: 'string', multiple: true },
      key: { type: 'string' },
      kid: { type: 'string' },
      timeout: { type: 'string' },
    },
  });
  const [sourceId, typeOrFixture] = requirePositionals(positionals, ['source', 'type|fixture'], 'send') as [
    string,
    string,
  ];
  const base = ingressUrl(values.url ?? io.env.INLET_URL ?? defaultIngressUrl);
  const timeoutSeconds = positiveInteger(values.timeout, 'timeout', 'send', 10)!;
  const source = values.sources
    ? loadSource(resolveUserPath(values.sources, io.cwd), sourceId, '--sources')
    : loadSource(localStackSourcesFile(), sourceId, "the local stack's");

  const now = new Date(io.now());
  const payload = webhookPayload(source, typeOrFixture, io.cwd, now);
  applySettings(payload.body, values.set ?? []);
  if (source.family === 'internal' && !payload.eventType) {
    throw new UsageError(
      `the internal route takes the event type in its URL: give a type, or a fixture with a "type" field`,
      'send',
    );
  }
  const privateKey = readPrivateKey(values.key, values.kid, io.cwd);
  const secret = usesSharedSecret(source, privateKey !== undefined)
    ? sharedSecret(source, base, io)
    : undefined;
  const signed = await signAsSender({ source, payload: payload.body, secret, privateKey, now });

  const url = webhookUrl(base, source, payload.eventType);
  writeLine(
    io.stdout,
    `POST ${url.href} (${source.id}: ${source.auth.scheme}, ${payload.description}, ${signed.body.length} bytes)`,
  );
  const response = await post(url, signed.body, signed.headers, timeoutSeconds);
  const text = await response.text();
  writeLine(io.stdout, `${response.status} ${response.statusText}${answerSummary(response.ok, text)}`);
  if (!response.ok) writeLine(io.stdout, prettyBody(text));
  return response.ok ? 0 : 1;
}

function ingressUrl(raw: string): URL {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    return url;
  } catch {
    throw new UsageError(`--url ${raw} is not an http(s) URL`, 'send');
  }
}

function readPrivateKey(
  path: string | undefined,
  kid: string | undefined,
  cwd: string,
): PrivateSigningKey | undefined {
  if (path === undefined) {
    if (kid !== undefined) throw new UsageError('--kid goes with --key <private key file>', 'send');
    return undefined;
  }
  if (kid === undefined) throw new UsageError('--key needs --kid: the id of the key in the JWKS', 'send');
  let pem: string;
  try {
    pem = readFileSync(resolveUserPath(path, cwd), 'utf8');
  } catch {
    throw new UsageError(`--key ${path}: cannot read the file`, 'send');
  }
  return privateSigningKey(pem, kid, path);
}

function sharedSecret(source: SourceEntry, base: URL, io: CliIo): string {
  // The development secrets of `npm start` stand in for unset variables, but only towards this machine.
  const local = isLocalUrl(base) ? localStackEnv() : undefined;
  const secret = resolveSecret(source, io.env, local);
  if (secret.developmentVariable) {
    writeLine(
      io.stderr,
      `note: ${secret.developmentVariable} is not set; using the local stack's development value ` +
        '(services/ingress/package.json, inlet.localEnv)',
    );
  }
  return secret.value;
}

async function post(url: URL, body: Buffer, headers: Record<string, string>, timeoutSeconds: number) {
  try {
    return await fetch(url, {
      method: 'POST',
      body,
      headers: { 'user-agent': 'inlet-cli', ...headers },
      signal: AbortSignal.timeout(timeoutSeconds * 1000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new CliFailure(`${url.origin} did not answer within ${timeoutSeconds} s`);
    }
    if (cause?.code === 'ECONNREFUSED') {
      throw new CliFailure(
        `cannot reach ${url.origin}: connection refused (is the ingress running? npm start)`,
      );
    }
    throw new CliFailure(`cannot reach ${url.origin}: ${errorMessage(cause ?? error)}`);
  }
}

/** `: eventId <id> (<type>)` for an acceptance, `: <code>: <detail>` for a problem. */
function answerSummary(ok: boolean, text: string): string {
  const answer = parseJson(text);
  if (!answer) return '';
  if (ok && typeof answer.eventId === 'string') {
    return `: eventId ${answer.eventId}${typeof answer.type === 'string' ? ` (${answer.type})` : ''}`;
  }
  const code = typeof answer.code === 'string' ? `${answer.code}: ` : '';
  const detail =
    typeof answer.detail === 'string' ? answer.detail : typeof answer.title === 'string' ? answer.title : '';
  const field = typeof answer.field === 'string' ? ` (field ${answer.field})` : '';
  return code || detail ? `: ${code}${detail}${field}` : '';
}

function prettyBody(text: string): string {
  const answer = parseJson(text);
  return answer ? JSON.stringify(answer, null, 2) : text.slice(0, 2000);
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
