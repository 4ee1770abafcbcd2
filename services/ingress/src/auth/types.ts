import type { SourceAuth } from '@inlet/webhook-contract';

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

/**
 * A scheme's settings as its verifier gets them: the sources file's entry for the scheme (declared once, with
 * TypeBox, in @inlet/webhook-contract), with its secret references read into the secrets themselves. Algorithms
 * are any text here: a verifier refuses an unusable one ('none', HS* without secrets) itself, whoever built it.
 */
type SchemeSettings<S extends SourceAuth['scheme']> = {
  [K in keyof Extract<SourceAuth, { scheme: S }>]: K extends 'secrets' | 'algorithms'
    ? string[]
    : Extract<SourceAuth, { scheme: S }>[K];
};

/** The replay window is always set by the time a verifier runs: the source's own, or the ingress default. */
interface ReplayWindow {
  toleranceSeconds: number;
}

/** Minimum time between two JWKS refetches triggered by an unknown `kid` (jose default 30 000 ms); tests lower it. */
interface JwksCooldown {
  jwksCooldownMs?: number;
}

/** `sha256=<hex HMAC-SHA256(secret, rawBody)>` in `header` (default `x-webhook-signature`). */
export type HmacAuthConfig = SchemeSettings<'hmac'>;
/** The key itself in `header` (default `x-api-key`). */
export type ApiKeyAuthConfig = SchemeSettings<'api-key'>;
/** `Stripe-Signature: t=..,v1=..(,v1=..)`. */
export type StripeAuthConfig = SchemeSettings<'stripe'> & ReplayWindow;
/** `webhook-id` / `webhook-timestamp` / `webhook-signature`, `whsec_` secrets. */
export type StandardWebhooksAuthConfig = SchemeSettings<'standard-webhooks'> & ReplayWindow;
/** `Authorization: Bearer <jwt>`: HS* with `secrets` (UTF-8 keys), asymmetric algorithms with `jwksUrl`. */
export type JwtAuthConfig = SchemeSettings<'jwt'> & JwksCooldown;
/**
 * The BODY is a compact JWT (RS256 by default) whose key is found by `kid` in the JWKS at `jwksUrl`. A token
 * without `exp` may be `maxTokenAgeSeconds` old by its `iat` (default one day); one with `exp` is held to it.
 */
export type CanvasJwtAuthConfig = SchemeSettings<'canvas-jwt'> & JwksCooldown;
/** The JSON body carries a shared token in `field` (default `token`). */
export type MoodleTokenAuthConfig = SchemeSettings<'moodle-token'>;

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
