import * as oauth from 'oauth4webapi';
import type { OauthbearerProviderResponse } from 'kafkajs';
import { KafkaSettingsError } from './settings-error.js';

export interface OAuthClientCredentials {
  tokenUrl: URL;
  clientId: string;
  clientSecret: string;
  scope?: string;
}

export interface OAuthTokenProviderOptions {
  /** Clock in milliseconds; tests move it to check expiry. */
  now?: () => number;
  /** How long one token request may take before it fails. */
  requestTimeoutMs?: number;
}

/** Lifetime assumed when the token endpoint does not say (`expires_in` is only RECOMMENDED by RFC 6749). */
const defaultLifetimeSeconds = 60;

/**
 * kafkajs' `oauthBearerProvider`: fetches a token with the OAuth 2.0 client-credentials grant and reuses it until
 * shortly before it expires. kafkajs calls it for every new broker connection and every re-authentication, so
 * without the cache each connection would cost a round trip to the identity provider. Concurrent callers share
 * one request. A refused grant becomes a KafkaSettingsError naming the variable to fix.
 */
export function createOAuthTokenProvider(
  credentials: OAuthClientCredentials,
  { now = Date.now, requestTimeoutMs = 10_000 }: OAuthTokenProviderOptions = {},
): () => Promise<OauthbearerProviderResponse> {
  const server: oauth.AuthorizationServer = {
    issuer: credentials.tokenUrl.origin,
    token_endpoint: credentials.tokenUrl.href,
  };
  const client: oauth.Client = { client_id: credentials.clientId };
  // HTTP Basic is the client authentication every token endpoint must accept (RFC 6749 section 2.3.1), and the
  // one Kafka's own Java OAUTHBEARER login handler uses.
  const authentication = oauth.ClientSecretBasic(credentials.clientSecret);
  const parameters: Record<string, string> = credentials.scope ? { scope: credentials.scope } : {};
  // Plain http is accepted only for a token endpoint on this machine (tests, a local identity provider).
  const insecure = credentials.tokenUrl.protocol === 'http:';

  let cached: { value: string; refreshAt: number } | undefined;
  let pending: Promise<OauthbearerProviderResponse> | undefined;

  async function fetchToken(): Promise<OauthbearerProviderResponse> {
    const requestedAt = now();
    let token: oauth.TokenEndpointResponse;
    try {
      const response = await oauth.clientCredentialsGrantRequest(server, client, authentication, parameters, {
        signal: AbortSignal.timeout(requestTimeoutMs),
        [oauth.allowInsecureRequests]: insecure,
      });
      token = await oauth.processClientCredentialsResponse(server, client, response);
    } catch (error) {
      throw explainTokenFailure(error, credentials);
    }
    const lifetimeMs = (token.expires_in ?? defaultLifetimeSeconds) * 1000;
    // Refresh a minute early (or half-way, for short-lived tokens) so a connection never presents a token that
    // expires while the broker checks it.
    cached = {
      value: token.access_token,
      refreshAt: requestedAt + lifetimeMs - Math.min(60_000, lifetimeMs / 2),
    };
    return { value: token.access_token };
  }

  return async () => {
    if (cached && now() < cached.refreshAt) return { value: cached.value };
    pending ??= fetchToken().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}

function explainTokenFailure(
  error: unknown,
  { tokenUrl, clientId }: OAuthClientCredentials,
): KafkaSettingsError {
  const url = tokenUrl.href;
  if (error instanceof oauth.ResponseBodyError) {
    const said = `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
    if (error.error === 'invalid_client' || error.error === 'unauthorized_client')
      return new KafkaSettingsError(
        'KAFKA_OAUTH_CLIENT_SECRET',
        `the OAuth token endpoint ${url} refused client "${clientId}" (${said}): check KAFKA_OAUTH_CLIENT_ID and KAFKA_OAUTH_CLIENT_SECRET`,
        { cause: error },
      );
    if (error.error === 'invalid_scope')
      return new KafkaSettingsError(
        'KAFKA_OAUTH_SCOPE',
        `the OAuth token endpoint ${url} refused the scope (${said}): check KAFKA_OAUTH_SCOPE`,
        { cause: error },
      );
    return new KafkaSettingsError(
      'KAFKA_OAUTH_TOKEN_URL',
      `the OAuth token endpoint ${url} refused the client-credentials grant (HTTP ${error.status}, ${said}): check KAFKA_OAUTH_TOKEN_URL`,
      { cause: error },
    );
  }
  // A 401 with a WWW-Authenticate challenge instead of an OAuth error body: the client credentials were refused.
  if (error instanceof oauth.WWWAuthenticateChallengeError && error.status === 401)
    return new KafkaSettingsError(
      'KAFKA_OAUTH_CLIENT_SECRET',
      `the OAuth token endpoint ${url} refused client "${clientId}" (HTTP 401): check KAFKA_OAUTH_CLIENT_ID and KAFKA_OAUTH_CLIENT_SECRET`,
      { cause: error },
    );
  const reason = describeCause(error);
  return new KafkaSettingsError(
    'KAFKA_OAUTH_TOKEN_URL',
    `no OAuth token from ${url} (${reason}): check KAFKA_OAUTH_TOKEN_URL`,
    { cause: error },
  );
}

/** fetch() reports network failures as `TypeError: fetch failed` with the useful part (ECONNREFUSED...) in `.cause`. */
function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const message = error instanceof Error ? error.message : String(error);
  const detail = cause?.code ?? cause?.message;
  return detail ? `${message}: ${detail}` : message;
}
