import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportPKCS8, generateKeyPair, jwtVerify, decodeProtectedHeader } from 'jose';
import { Webhook } from 'standardwebhooks';
import { runCli } from '../src/index.js';
import { repoRoot } from '../src/paths.js';
import { captureIo } from './support/capture-io.js';
import {
  startRecordingServer,
  type RecordedRequest,
  type RecordingServer,
} from './support/recording-server.js';

// Every signature is checked here the way the ingress checks it (services/ingress/src/auth), with node:crypto,
// standardwebhooks and jose directly: a package may not import a service.

const secrets = {
  LTI_SECRET: 'lti-test-secret',
  SERVICE_KEY: 'service-test-key',
  STRIPE_SECRET: 'whsec_stripe_test_secret',
  PROGRESS_SECRET: 'whsec_' + Buffer.from('progress-test-secret-32-bytes!!!').toString('base64'),
  PLATFORM_SECRET: 'platform-test-jwt-secret-of-32-bytes!',
  MOODLE_TOKEN: 'moodle-test-token',
};

const sourcesYaml = `
sources:
  - id: lms
    family: lti
    auth: { scheme: hmac, secrets: [{ env: LTI_SECRET }, { env: LTI_SECRET_PREVIOUS, optional: true }] }
  - id: moodle
    family: lti
    auth: { scheme: moodle-token, secrets: [{ env: MOODLE_TOKEN }] }
  - id: canvas-signed
    family: lti
    auth: { scheme: canvas-jwt, jwksUrl: "https://canvas.example.edu/api/lti/security/jwks", issuer: https://canvas.example.edu }
  - id: transcriber
    family: services
    auth: { scheme: api-key, secrets: [{ env: SERVICE_KEY }] }
  - id: stripe
    family: commerce
    auth: { scheme: stripe, secrets: [{ env: STRIPE_SECRET }] }
  - id: progress
    family: commerce
    auth: { scheme: standard-webhooks, secrets: [{ env: PROGRESS_SECRET }] }
  - id: platform
    family: internal
    auth: { scheme: jwt, issuer: https://platform.internal, audience: inlet, algorithms: [HS256], secrets: [{ env: PLATFORM_SECRET }] }
`;

describe('inlet send', () => {
  let server: RecordingServer;
  let dir: string;
  let sourcesFile: string;

  beforeAll(async () => {
    server = await startRecordingServer();
    dir = mkdtempSync(join(tmpdir(), 'inlet-cli-send-'));
    sourcesFile = join(dir, 'sources.yaml');
    writeFileSync(sourcesFile, sourcesYaml);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    server.answer.status = 202;
    server.answer.body = {
      eventId: '6f1d2c3b-4a59-8e7f-9a0b-1c2d3e4f5a6b',
      type: 'grade.updated',
      status: 'accepted',
    };
  });

  async function send(args: string[], env: NodeJS.ProcessEnv = secrets) {
    const io = captureIo({ env, cwd: repoRoot });
    const code = await runCli(['send', ...args, '--url', server.url, '--sources', sourcesFile], io);
    return { code, out: io.out(), err: io.err(), request: server.requests.at(-1) };
  }
  const json = (request: RecordedRequest | undefined) =>
    JSON.parse(request!.body.toString('utf8')) as Record<string, unknown>;
  const hmacHex = (secret: string, bytes: Buffer) => createHmac('sha256', secret).update(bytes).digest('hex');

  it('hmac: posts a fresh grade.updated sample to the LTI route, signed over the exact bytes', async () => {
    const { code, out, request } = await send(['lms', 'grade.updated']);
    expect(code).toBe(0);
    expect(request).toMatchObject({ method: 'POST', url: '/webhooks/lti/events?source=lms' });
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['x-webhook-signature']).toBe(
      `sha256=${hmacHex(secrets.LTI_SECRET, request!.body)}`,
    );
    expect(json(request)).toMatchObject({
      type: 'grade.updated',
      id: expect.stringMatching(/^evt_inlet_cli_/),
      data: { userId: 'user123', resourceLinkId: 'link456', score: 85, maxScore: 100 },
    });
    expect(out).toContain(`POST ${server.url}/webhooks/lti/events?source=lms (lms: hmac, grade.updated,`);
    expect(out).toContain('202 Accepted: eventId 6f1d2c3b-4a59-8e7f-9a0b-1c2d3e4f5a6b (grade.updated)');

    // Every send is a new event: a fresh sender id.
    const again = await send(['lms', 'grade.updated']);
    expect(json(again.request).id).not.toBe(json(request).id);
  });

  it('sends a fixture as it is, with --set changes, signed after the change', async () => {
    const { code, request } = await send([
      'lms',
      'services/ingress/test/fixtures/canvas/grade_change.json',
      '--set',
      'body.score=91',
      '--set',
      'body.grade="91"',
      '--set',
      'metadata.event_id=evt-cli-1',
    ]);
    expect(code).toBe(0);
    const body = json(request);
    expect(body.metadata).toMatchObject({ event_name: 'grade_change', event_id: 'evt-cli-1' });
    expect(body.body).toMatchObject({ score: 91, grade: '91', points_possible: 100 });
    expect(request!.headers['x-webhook-signature']).toBe(
      `sha256=${hmacHex(secrets.LTI_SECRET, request!.body)}`,
    );
  });

  it('api-key: X-API-Key on the services route', async () => {
    const { code, request } = await send(['transcriber', 'transcription.completed']);
    expect(code).toBe(0);
    expect(request!.url).toBe('/webhooks/services/transcriber');
    expect(request!.headers['x-api-key']).toBe(secrets.SERVICE_KEY);
    expect(json(request)).toMatchObject({ type: 'transcription.completed', data: { confidence: 0.94 } });
  });

  it('stripe: Stripe-Signature t=..,v1=.. over "<t>.<body>" on the commerce route', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { code, request } = await send([
      'stripe',
      'services/ingress/test/fixtures/stripe/charge.succeeded.json',
    ]);
    expect(code).toBe(0);
    expect(request!.url).toBe('/api/webhooks/stripe');
    const header = String(request!.headers['stripe-signature']);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header)!;
    expect(Number(t)).toBeGreaterThanOrEqual(before);
    expect(v1).toBe(hmacHex(secrets.STRIPE_SECRET, Buffer.concat([Buffer.from(`${t}.`), request!.body])));
    expect(json(request)).toMatchObject({ object: 'event', type: 'charge.succeeded' });
  });

  it('standard-webhooks: webhook-id/-timestamp/-signature that the reference implementation verifies', async () => {
    const { code, request } = await send(['progress', 'course.completed']);
    expect(code).toBe(0);
    expect(request!.url).toBe('/api/webhooks/progress');
    const headers = {
      'webhook-id': String(request!.headers['webhook-id']),
      'webhook-timestamp': String(request!.headers['webhook-timestamp']),
      'webhook-signature': String(request!.headers['webhook-signature']),
    };
    expect(new Webhook(secrets.PROGRESS_SECRET).verify(request!.body, headers)).toMatchObject({
      type: 'course.completed',
    });
    const again = await send(['progress', 'course.completed']);
    expect(again.request!.headers['webhook-id']).not.toBe(headers['webhook-id']);
  });

  it('jwt: a Bearer HS256 token with the source issuer and audience, 5 minutes, a jti, on the internal route', async () => {
    const { code, request } = await send(['platform', 'video.upload.completed']);
    expect(code).toBe(0);
    expect(request!.url).toBe('/webhooks/internal/video.upload.completed?source=platform');
    const token = /^Bearer (\S+)$/.exec(String(request!.headers.authorization))![1]!;
    const { payload, protectedHeader } = await jwtVerify(
      token,
      new TextEncoder().encode(secrets.PLATFORM_SECRET),
      {
        issuer: 'https://platform.internal',
        audience: 'inlet',
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'jti'],
      },
    );
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload.exp! - payload.iat!).toBe(300);
    expect(json(request)).toMatchObject({ type: 'video.upload.completed', data: { videoId: 'vid_3f9a12' } });
  });

  it('moodle-token: the token inside the JSON body', async () => {
    const { code, request } = await send([
      'moodle',
      'services/ingress/test/fixtures/moodle/user_graded.json',
    ]);
    expect(code).toBe(0);
    expect(request!.url).toBe('/webhooks/lti/events?source=moodle');
    expect(json(request)).toMatchObject({
      token: secrets.MOODLE_TOKEN,
      eventname: '\\core\\event\\user_graded',
    });
  });

  it('canvas-jwt: the body is an RS256 JWT signed with --key, its kid from --kid; without a key a clear error', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const keyFile = join(dir, 'canvas.pem');
    writeFileSync(keyFile, await exportPKCS8(privateKey));
    const { code, request } = await send([
      'canvas-signed',
      'grade.updated',
      '--key',
      keyFile,
      '--kid',
      'canvas-2026',
    ]);
    expect(code).toBe(0);
    expect(request!.headers['content-type']).toBe('application/jwt');
    const token = request!.body.toString('utf8');
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', kid: 'canvas-2026' });
    const { payload } = await jwtVerify(token, publicKey, {
      algorithms: ['RS256'],
      issuer: 'https://canvas.example.edu',
    });
    expect(payload).toMatchObject({ type: 'grade.updated', data: { userId: 'user123' } });

    const count = server.requests.length;
    const keyless = await send(['canvas-signed', 'grade.updated']);
    expect(keyless.code).toBe(2);
    expect(keyless.err).toContain('source canvas-signed uses canvas-jwt');
    expect(keyless.err).toContain('--key private.pem --kid <key id>');
    expect(server.requests).toHaveLength(count);
  });

  it('prints the problem and exits 1 on a non-2xx answer', async () => {
    server.answer.status = 401;
    server.answer.body = {
      type: 'about:blank',
      title: 'Unauthorized',
      status: 401,
      detail: 'signature does not match',
      code: 'INLET_AUTH_INVALID',
    };
    const { code, out } = await send(['lms', 'grade.updated']);
    expect(code).toBe(1);
    expect(out).toContain('401 Unauthorized: INLET_AUTH_INVALID: signature does not match');
    expect(out).toContain('"code": "INLET_AUTH_INVALID"');
  });

  it('falls back to the local stack development secrets only for a local URL, and says so', async () => {
    const io = captureIo({ env: {}, cwd: repoRoot });
    expect(await runCli(['send', 'local-lti', 'grade.created', '--url', server.url], io)).toBe(0);
    const request = server.requests.at(-1)!;
    expect(request.url).toBe('/webhooks/lti/events?source=local-lti');
    expect(request.headers['x-webhook-signature']).toBe(
      `sha256=${hmacHex('local-lti-secret', request.body)}`,
    );
    expect(io.err()).toContain('note: LOCAL_LTI_SECRET is not set; using the local stack');

    const remote = captureIo({ env: {}, cwd: repoRoot });
    expect(
      await runCli(['send', 'local-lti', 'grade.created', '--url', 'https://inlet.example.invalid'], remote),
    ).toBe(1);
    expect(remote.err()).toBe(
      'inlet: no secret for source local-lti: set environment variable LOCAL_LTI_SECRET\n',
    );
  });

  it('refuses wrong usage with exit 2 and a pointer to --help, before sending anything', async () => {
    const count = server.requests.length;
    const cases: [string[], string][] = [
      [['nobody', 'grade.updated'], 'no source "nobody"'],
      [
        ['lms', 'payment.success'],
        'lms posts to the lti route, which does not take payment.success; it takes grade.created',
      ],
      [['lms', 'no-such-thing'], '"no-such-thing" is neither an event type nor a file'],
      [['lms', 'grade.updated', '--set', 'score'], '--set score: expected path=value'],
      [['lms'], 'missing <type|fixture>'],
    ];
    for (const [args, message] of cases) {
      const result = await send(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.err).toContain(message);
      expect(result.err).toContain("Run 'inlet send --help' for usage.");
    }
    expect(server.requests).toHaveLength(count);
  });

  it('reports an ingress that does not answer as a failure (exit 1)', async () => {
    const closed = await startRecordingServer();
    await closed.close();
    const io = captureIo({ env: secrets, cwd: repoRoot });
    expect(
      await runCli(['send', 'lms', 'grade.updated', '--url', closed.url, '--sources', sourcesFile], io),
    ).toBe(1);
    expect(io.err()).toContain(`inlet: cannot reach ${closed.url}: connection refused`);
  });
});
