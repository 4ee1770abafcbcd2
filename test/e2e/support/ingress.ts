import { createHmac, randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { kafkaBrokers } from '@inlet/test-harness';
import { startServiceProcess, type ServiceProcess } from './service-process.js';

/** The senders of the end-to-end ingress, one per route family, with their development secrets. */
const secrets = {
  E2E_LTI_SECRET: 'e2e-lti-secret',
  E2E_STRIPE_SECRET: 'whsec_e2e_stripe_secret',
  E2E_SERVICE_KEY: 'e2e-service-api-key',
  E2E_PLATFORM_SECRET: 'e2e-platform-jwt-secret-of-32-bytes!!',
};

const sourcesFile = `sources:
  - id: e2e-lti
    family: lti
    auth: { scheme: hmac, secrets: [{ env: E2E_LTI_SECRET }] }
    rateLimit: { max: 100000, windowSeconds: 60 }
  - id: e2e-stripe
    family: commerce
    auth: { scheme: stripe, secrets: [{ env: E2E_STRIPE_SECRET }] }
    rateLimit: { max: 100000, windowSeconds: 60 }
  - id: e2e-service
    family: services
    auth: { scheme: api-key, secrets: [{ env: E2E_SERVICE_KEY }] }
    rateLimit: { max: 100000, windowSeconds: 60 }
  - id: e2e-platform
    family: internal
    auth: { scheme: jwt, issuer: e2e-platform, audience: inlet, algorithms: [HS256], secrets: [{ env: E2E_PLATFORM_SECRET }] }
    rateLimit: { max: 100000, windowSeconds: 60 }
`;

export interface Answer {
  status: number;
  json: { eventId?: string; code?: string };
}

export interface E2eIngress extends ServiceProcess {
  /** LTI route, X-Webhook-Signature (HMAC of the exact bytes). */
  postLti(body: string, headers?: Record<string, string>): Promise<Answer>;
  /** Commerce route, Stripe-Signature. */
  postStripe(body: string): Promise<Answer>;
  /** Services route, X-API-Key. */
  postService(body: string, headers?: Record<string, string>): Promise<Answer>;
  /** Internal route, Authorization: Bearer <HS256 JWT>. */
  postInternal(eventType: string, body: string): Promise<Answer>;
}

/** The real ingress process with one source per route family, producing to the run's broker. */
export async function startIngress(env: Record<string, string> = {}): Promise<E2eIngress> {
  const dir = await mkdtemp(join(tmpdir(), 'inlet-e2e-'));
  await writeFile(join(dir, 'sources.yaml'), sourcesFile);
  const ingress = await startServiceProcess('ingress', {
    KAFKA_BROKERS: kafkaBrokers().join(','),
    INLET_SOURCES_FILE: join(dir, 'sources.yaml'),
    ...secrets,
    ...env,
  });
  const post = async (path: string, body: string, headers: Record<string, string>): Promise<Answer> => {
    const response = await fetch(`${ingress.url}${path}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });
    return { status: response.status, json: (await response.json()) as Answer['json'] };
  };
  return {
    ...ingress,
    postLti: (body, headers = {}) =>
      post('/webhooks/lti/events?source=e2e-lti', body, {
        'x-webhook-signature': `sha256=${createHmac('sha256', secrets.E2E_LTI_SECRET).update(body).digest('hex')}`,
        ...headers,
      }),
    postStripe: (body) => {
      const t = Math.floor(Date.now() / 1000);
      const v1 = createHmac('sha256', secrets.E2E_STRIPE_SECRET).update(`${t}.${body}`).digest('hex');
      return post('/api/webhooks/e2e-stripe', body, { 'stripe-signature': `t=${t},v1=${v1}` });
    },
    postService: (body, headers = {}) =>
      post('/webhooks/services/e2e-service', body, { 'x-api-key': secrets.E2E_SERVICE_KEY, ...headers }),
    postInternal: async (eventType, body) => {
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('e2e-platform')
        .setAudience('inlet')
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(secrets.E2E_PLATFORM_SECRET));
      return post(`/webhooks/internal/${eventType}`, body, { authorization: `Bearer ${token}` });
    },
  };
}
