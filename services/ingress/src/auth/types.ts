/** Node's IncomingHttpHeaders: lower-case names. */
export type HeaderBag = Record<string, string | string[] | undefined>;

export interface SignedRequest {
  rawBody: Buffer;
  headers: HeaderBag;
}

export interface VerifiedRequest {
  /**
   * The sender's own event id when the scheme carries one: Standard Webhooks' `webhook-id`, which names the
   * message and stays the same on every retry. Never a JWT `jti`: that names the token, which a sender may reuse
   * for many events or renew for a retry.
   */
  senderEventId?: string;
  /** Claims of a verified JWT (scheme jwt or canvas-jwt). */
  claims?: Record<string, unknown>;
  /** When the scheme itself yields the event payload: canvas-jwt (the JWT's payload is the Canvas live event) and
   *  moodle-token (the parsed JSON body WITHOUT the token field). Otherwise undefined: the caller parses rawBody. */
  payload?: unknown;
}

/** `sha256=<hex HMAC-SHA256(secret, rawBody)>` in `header` (default `x-webhook-signature`). */
export interface HmacAuthConfig {
  scheme: 'hmac';
  secrets: string[];
  header?: string;
}

/** The key itself in `header` (default `x-api-key`). */
export interface ApiKeyAuthConfig {
  scheme: 'api-key';
  secrets: string[];
  header?: string;
}

/** `Stripe-Signature: t=..,v1=..(,v1=..)`. */
export interface StripeAuthConfig {
  scheme: 'stripe';
  secrets: string[];
  toleranceSeconds: number;
}

/** `webhook-id` / `webhook-timestamp` / `webhook-signature`, `whsec_` secrets. */
export interface StandardWebhooksAuthConfig {
  scheme: 'standard-webhooks';
  secrets: string[];
  toleranceSeconds: number;
}

/** `Authorization: Bearer <jwt>`: HS* with `secrets` (UTF-8 keys), asymmetric algorithms with `jwksUrl`. */
export interface JwtAuthConfig {
  scheme: 'jwt';
  secrets?: string[];
  jwksUrl?: string;
  issuer: string;
  audience: string;
  algorithms: string[];
  maxTokenAgeSeconds?: number;
  /** Minimum time between two JWKS refetches triggered by an unknown `kid` (jose default 30 000 ms). */
  jwksCooldownMs?: number;
}

/** The BODY is a compact JWT (RS256 by default) whose key is found by `kid` in the JWKS at `jwksUrl`. */
export interface CanvasJwtAuthConfig {
  scheme: 'canvas-jwt';
  jwksUrl: string;
  issuer?: string;
  audience?: string;
  algorithms?: string[];
  /** How old (by `iat`) a token without `exp` may be; default one day. A token with `exp` is held to its `exp`. */
  maxTokenAgeSeconds?: number;
  /** Minimum time between two JWKS refetches triggered by an unknown `kid` (jose default 30 000 ms). */
  jwksCooldownMs?: number;
}

/** The JSON body carries a shared token in `field` (default `token`). */
export interface MoodleTokenAuthConfig {
  scheme: 'moodle-token';
  secrets: string[];
  field?: string;
}

export type AuthConfig =
  | HmacAuthConfig
  | ApiKeyAuthConfig
  | StripeAuthConfig
  | StandardWebhooksAuthConfig
  | JwtAuthConfig
  | CanvasJwtAuthConfig
  | MoodleTokenAuthConfig;

export type AuthScheme = AuthConfig['scheme'];

export interface Verifier {
  readonly scheme: AuthScheme;
  verify(request: SignedRequest, now?: Date): Promise<VerifiedRequest>;
}
