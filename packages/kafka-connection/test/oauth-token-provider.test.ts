import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KafkaSettingsError, createOAuthTokenProvider, loadKafkaConnection } from '../src/index.js';

interface TokenRequest {
  authorization: string | undefined;
  contentType: string | undefined;
  form: Record<string, string>;
}

/** A real client-credentials token endpoint on a free port: records each request, answers what the test set. */
const endpoint = {
  server: undefined as Server | undefined,
  url: '',
  requests: [] as TokenRequest[],
  reply: (_count: number): { status: number; body: object } => ({ status: 500, body: {} }),
};

beforeAll(async () => {
  endpoint.server = createServer((request, response) => {
    void readForm(request).then((form) => {
      endpoint.requests.push({
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        form,
      });
      const { status, body } = endpoint.reply(endpoint.requests.length);
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => endpoint.server!.listen(0, '127.0.0.1', resolve));
  endpoint.url = `http://127.0.0.1:${(endpoint.server.address() as AddressInfo).port}/oauth2/token`;
});
afterAll(() => new Promise<void>((resolve) => endpoint.server?.close(() => resolve())));
beforeEach(() => {
  endpoint.requests = [];
  endpoint.reply = (count) => ({
    status: 200,
    body: { access_token: `token-${count}`, token_type: 'Bearer', expires_in: 300 },
  });
});

async function readForm(request: IncomingMessage): Promise<Record<string, string>> {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return Object.fromEntries(new URLSearchParams(body));
}

/** The client id and secret of an HTTP Basic header (RFC 6749 2.3.1: each form-url-encoded first). */
function basicCredentials(header: string | undefined): [string, string] {
  const decoded = Buffer.from((header ?? '').replace(/^Basic /, ''), 'base64').toString();
  const [id = '', secret = ''] = decoded.split(':');
  const formDecode = (value: string) => decodeURIComponent(value.replace(/\+/g, ' '));
  return [formDecode(id), formDecode(secret)];
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const credentials = () => ({
  tokenUrl: new URL(endpoint.url),
  clientId: 'inlet-grades',
  clientSecret: 's3cret/with+chars',
  scope: 'kafka.cluster',
});

describe('the OAUTHBEARER token provider', () => {
  it('asks the token endpoint for a client_credentials grant with the client id, secret and scope', async () => {
    const provider = createOAuthTokenProvider(credentials());
    await expect(provider()).resolves.toEqual({ value: 'token-1' });
    expect(endpoint.requests).toHaveLength(1);
    const [request] = endpoint.requests;
    expect(request?.authorization).toMatch(/^Basic /);
    expect(basicCredentials(request?.authorization)).toEqual(['inlet-grades', 's3cret/with+chars']);
    expect(request?.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request?.form).toEqual({ grant_type: 'client_credentials', scope: 'kafka.cluster' });
  });

  it('reuses the token until a minute before it expires, then fetches a new one', async () => {
    let clock = 1_000_000;
    const provider = createOAuthTokenProvider(credentials(), { now: () => clock });
    await expect(provider()).resolves.toEqual({ value: 'token-1' });
    clock += 239_000; // 300 s token: still 61 s left
    await expect(provider()).resolves.toEqual({ value: 'token-1' });
    expect(endpoint.requests).toHaveLength(1);
    clock += 1_000; // 60 s left: time to refresh
    await expect(provider()).resolves.toEqual({ value: 'token-2' });
    expect(endpoint.requests).toHaveLength(2);
  });

  it('refreshes a short-lived token half-way through its life', async () => {
    endpoint.reply = (count) => ({
      status: 200,
      body: { access_token: `short-${count}`, token_type: 'bearer', expires_in: 20 },
    });
    let clock = 0;
    const provider = createOAuthTokenProvider(credentials(), { now: () => clock });
    await provider();
    clock = 9_999;
    await expect(provider()).resolves.toEqual({ value: 'short-1' });
    clock = 10_000;
    await expect(provider()).resolves.toEqual({ value: 'short-2' });
  });

  it('sends one request for callers that ask at the same time (several broker connections at start)', async () => {
    const provider = createOAuthTokenProvider(credentials());
    const tokens = await Promise.all([provider(), provider(), provider()]);
    expect(tokens).toEqual([{ value: 'token-1' }, { value: 'token-1' }, { value: 'token-1' }]);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('omits the scope when none is configured', async () => {
    const { scope: _scope, ...withoutScope } = credentials();
    await createOAuthTokenProvider(withoutScope)();
    expect(endpoint.requests[0]?.form).toEqual({ grant_type: 'client_credentials' });
  });

  it('names KAFKA_OAUTH_CLIENT_SECRET when the endpoint refuses the client, without printing the secret', async () => {
    endpoint.reply = () => ({
      status: 401,
      body: { error: 'invalid_client', error_description: 'bad secret' },
    });
    const error = await createOAuthTokenProvider(credentials())().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KafkaSettingsError);
    expect((error as KafkaSettingsError).variable).toBe('KAFKA_OAUTH_CLIENT_SECRET');
    expect((error as Error).message).toMatch(
      /refused client "inlet-grades" \(invalid_client: bad secret\): check KAFKA_OAUTH_CLIENT_ID and KAFKA_OAUTH_CLIENT_SECRET/,
    );
    expect((error as Error).message).not.toContain('s3cret');
  });

  it('names KAFKA_OAUTH_SCOPE when the endpoint refuses the scope', async () => {
    endpoint.reply = () => ({ status: 400, body: { error: 'invalid_scope' } });
    const error = await createOAuthTokenProvider(credentials())().catch((caught: unknown) => caught);
    expect((error as KafkaSettingsError).variable).toBe('KAFKA_OAUTH_SCOPE');
  });

  it('names KAFKA_OAUTH_TOKEN_URL when nothing answers there, and tries again on the next call', async () => {
    const closed = new URL(endpoint.url);
    closed.port = String(await closedPort());
    const provider = createOAuthTokenProvider({ ...credentials(), tokenUrl: closed });
    const error = await provider().catch((caught: unknown) => caught);
    expect((error as KafkaSettingsError).variable).toBe('KAFKA_OAUTH_TOKEN_URL');
    expect((error as Error).message).toBe(
      `no OAuth token from ${closed.href} (fetch failed: ECONNREFUSED): check KAFKA_OAUTH_TOKEN_URL`,
    );
    await expect(provider()).rejects.toThrow(/ECONNREFUSED/);
  });

  it('is what loadKafkaConnection gives kafkajs for KAFKA_SASL_MECHANISM=oauthbearer', async () => {
    const connection = loadKafkaConnection({
      KAFKA_BROKERS: 'kafka:9093',
      KAFKA_SECURITY_PROTOCOL: 'sasl_ssl',
      KAFKA_SASL_MECHANISM: 'oauthbearer',
      KAFKA_OAUTH_TOKEN_URL: endpoint.url,
      KAFKA_OAUTH_CLIENT_ID: 'inlet-media',
      KAFKA_OAUTH_CLIENT_SECRET: 'media-secret',
      KAFKA_OAUTH_SCOPE: 'kafka',
    });
    if (connection.sasl?.mechanism !== 'oauthbearer') throw new Error('expected an oauthbearer connection');
    await expect(connection.sasl.oauthBearerProvider()).resolves.toEqual({ value: 'token-1' });
    expect(basicCredentials(endpoint.requests[0]?.authorization)).toEqual(['inlet-media', 'media-secret']);
    expect(endpoint.requests[0]?.form.scope).toBe('kafka');
  });
});
