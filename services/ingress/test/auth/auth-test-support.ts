import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { expect } from 'vitest';
import { AuthError } from '../../src/auth/index.js';
import type { AuthErrorCode } from '../../src/auth/index.js';

/**
 * Asserts the verification failed with an AuthError of `code`, and that nothing sensitive (secrets, expected
 * signatures, tokens) appears in its message, stack or serialized form.
 */
export async function expectAuthError(
  verification: Promise<unknown>,
  code: AuthErrorCode,
  sensitive: readonly string[] = [],
): Promise<AuthError> {
  const error: unknown = await verification.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error, 'verification should have failed').toBeInstanceOf(AuthError);
  const authError = error as AuthError;
  expect(authError.code).toBe(code);
  expect(authError.statusCode).toBe(code === 'INLET_AUTH_UNAVAILABLE' ? 503 : 401);
  expect(authError.message).not.toBe('');
  const exposed = [authError.message, authError.stack ?? '', JSON.stringify(authError)];
  for (const value of sensitive) {
    for (const text of exposed) expect(text).not.toContain(value);
  }
  return authError;
}

export function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function signingKey(kid: string, alg: 'RS256' | 'ES256' = 'RS256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** A local stand-in for a remote JWKS endpoint; `keys` may change between requests to simulate rotation. */
export interface JwksServer {
  url: string;
  keys: JWK[];
  readonly fetches: number;
  close(): Promise<void>;
}

export async function startJwksServer(keys: JWK[]): Promise<JwksServer> {
  let fetches = 0;
  const state = { keys };
  const server = createServer((_request, response) => {
    fetches += 1;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: state.keys }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/jwks.json`,
    get keys() {
      return state.keys;
    },
    set keys(next: JWK[]) {
      state.keys = next;
    },
    get fetches() {
      return fetches;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A compact JWS with one character of its payload segment changed. */
export function tamperPayload(token: string): string {
  const [header, payload = '', signature] = token.split('.');
  const index = Math.floor(payload.length / 2);
  const replacement = payload[index] === 'A' ? 'B' : 'A';
  return [header, payload.slice(0, index) + replacement + payload.slice(index + 1), signature].join('.');
}
